/**
 * The one polling helper of the tests: for effects the service or a device makes asynchronously. Polls
 * `check` until it returns something truthy and returns it; after the timeout it fails, saying what it
 * waited for and, with `detail`, what it saw last. Tests wait for an effect, never for a fixed time.
 */
export interface UntilOptions {
  /** What is awaited, for the failure message (default: the check's source). */
  what?: string;
  /** How long to wait (default 10 s). */
  timeoutMs?: number;
  /** Pause between checks (default 50 ms). */
  everyMs?: number;
  /** The state to report on failure. */
  detail?: () => string | Promise<string>;
}

export async function until<T>(
  check: () => T | Promise<T>,
  options: number | UntilOptions = {},
  everyMs?: number,
): Promise<NonNullable<T>> {
  const o: UntilOptions = typeof options === 'number' ? { timeoutMs: options, everyMs } : options;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) {
      const what = o.what ?? `condition ${check.toString().replace(/\s+/g, ' ').slice(0, 200)}`;
      const detail = o.detail ? `; ${await o.detail()}` : '';
      throw new Error(`${what}: not reached in ${timeoutMs} ms${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, o.everyMs ?? 50));
  }
}
