/**
 * The Content-Security-Policy of what Comptoir serves to a browser: its own scripts only, no plugin, no
 * framing, no base or form target elsewhere. The pages have no inline style; Swagger UI (/api/docs) does.
 */
export function contentSecurityPolicy({ inlineStyles = false } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
