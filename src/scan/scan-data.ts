import { ScanException } from './scan.exception';
import { SCAN_DETAILS } from './error-messages';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Scanner bytes sent as base64 become text: UTF-8 when they are valid UTF-8, otherwise Latin-1
 * (scanners in legacy code pages); GS (0x1D) and other bytes are kept as they are.
 */
export function decodeScanData(data: string, encoding: 'text' | 'base64'): string {
  if (encoding === 'text') return data;
  const compact = data.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new ScanException('SCAN_ENCODING_INVALID', SCAN_DETAILS.SCAN_ENCODING_INVALID.base64());
  }
  const bytes = Buffer.from(compact, 'base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}
