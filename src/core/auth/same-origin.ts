import type { Request } from 'express';

/**
 * CSRF defence-in-depth for cookie-authenticated changes (docs/security.md): the browser must say the
 * request comes from this origin — `Sec-Fetch-Site: same-origin`, else an `Origin` equal to ours.
 * A request carrying neither is refused: API clients use the Bearer header, which needs no such check.
 */
export function isSameOrigin(req: Request, { allowMissing = false } = {}): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = req.headers.origin;
  if (typeof origin === 'string') return origin === `${req.protocol}://${req.headers.host ?? ''}`;
  return allowMissing;
}

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
