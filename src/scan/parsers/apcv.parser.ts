import { ScanException } from '../scan.exception';
import { assertScanSize, UNSAFE_TEXT } from './limits';
import type { Apcv } from './types';
import { SCAN_DETAILS } from '../error-messages';

/**
 * Carte Vitale app (apCV) QR codes. Their payload and protocol are not public (domain research §3.2:
 * they go through GIE SESAM-Vitale components), and no reliable public marker was found. So nothing is
 * recognised by guesswork: only data starting with one of these prefixes is apCV, taken as an opaque
 * `raw` string for the SESAM-Vitale components. `APCV:` is Comptoir's own convention (the sandbox
 * scanner simulator and LGO integrations can wrap a payload with it); a deployment that learns the real
 * marker passes it in `ParseOptions.apcvPrefixes`. A prefix holds a character (`:`) that no other kind
 * starts with, so it cannot swallow a prescription ID, a product code, a GS1 string or a QR.
 */
export const APCV_PREFIXES: readonly string[] = ['APCV:'];

export function isApcv(data: string, prefixes: readonly string[] = APCV_PREFIXES): boolean {
  return prefixes.some((p) => p.length > 0 && data.startsWith(p));
}

/** The apCV QR, kept whole (prefix included). UNKNOWN_CODE when it lacks a prefix or has no payload. */
export function parseApcv(data: string, prefixes: readonly string[] = APCV_PREFIXES): Apcv {
  assertScanSize(data);
  const prefix = prefixes.find((p) => p.length > 0 && data.startsWith(p));
  if (prefix === undefined || data.length === prefix.length)
    throw new ScanException('UNKNOWN_CODE', SCAN_DETAILS.UNKNOWN_CODE.notApcv());
  if (UNSAFE_TEXT.test(data))
    throw new ScanException('UNKNOWN_CODE', SCAN_DETAILS.UNKNOWN_CODE.apcvControl());
  return { raw: data };
}
