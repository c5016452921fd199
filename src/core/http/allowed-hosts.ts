/** The host name of a Host header, lower-cased, without its port (`[::1]:3000` → `::1`). */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon >= 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

/** Whether the Host header names one of `allowed` (host names, any port); a request without one is refused. */
export function hostAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  if (!header) return false;
  const name = hostName(header);
  return allowed.some((a) => hostName(a) === name);
}
