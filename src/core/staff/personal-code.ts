import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** A personal code: at least 6 digits (API.md § Conventions: Staff). */
export const PERSONAL_CODE = /^\d{6,32}$/;

// scrypt's cost: 2^15 × 8 × 128 bytes = 32 MB and about 100 ms per check, off the event loop (libuv pool).
const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEM = 64 * 1024 * 1024;

function derive(code: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(code, salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the parameters can be raised later without breaking old rows. */
export async function hashPersonalCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(code, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `code` is the one `stored` was made from; false for anything malformed. */
export async function verifyPersonalCode(code: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(code, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}
