import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of what Comptoir POSTs to a receiver it was given a secret for (API.md § webhooks, and the
 * OCT `http` adapter): `Comptoir-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. The time is
 * signed with the body, so a receiver refuses an old message replayed (`verifyComptoirSignature`).
 */
export const SIGNATURE_HEADER = 'Comptoir-Signature';

function mac(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
}

/** The header value for `body` (the exact bytes sent, as UTF-8 text) at `at`. */
export function signComptoirPayload(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

/**
 * What a receiver checks: a well-formed header, a `v1` matching the body under the secret (compared in
 * constant time), and a time within `toleranceSeconds` of `now`.
 */
export function verifyComptoirSignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(
    (header ?? '').split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(mac(secret, t, body), 'hex'));
}
