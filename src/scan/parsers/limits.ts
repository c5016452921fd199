import { ScanException } from '../scan.exception';
import { SCAN_DETAILS } from '../error-messages';

/**
 * Longest scan accepted, in UTF-16 code units, checked before any parsing. The largest real payload (a
 * prescription QR with long names) is under 1 KB and an INS DataMatrix is at most 268 characters, while
 * no symbology a counter scanner reads carries much more than 3,000 characters: 4096 leaves room and
 * bounds every parser's work. It matches `scan.maxLength` in config/default.yaml.
 */
export const MAX_SCAN_LENGTH = 4096;

export function assertScanSize(data: string): void {
  if (data.length > MAX_SCAN_LENGTH) {
    throw new ScanException(
      'SCAN_TOO_LARGE',
      SCAN_DETAILS.SCAN_TOO_LARGE.over({ length: data.length, max: MAX_SCAN_LENGTH }),
    );
  }
}

/**
 * Characters never legitimate in a decoded field: C0/C1 controls (GS is handled by the parsers that use
 * it), zero-width and bidi controls (text that displays differently from what it is), BOM, lone
 * surrogates, noncharacters.
 */
export const UNSAFE_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff0-\uffff]|\p{Cs}/u;
