import { ScanException } from '../scan.exception';
import { cip7ToCip13, hasValidGs1CheckDigit } from './check-digits';
import { assertScanSize } from './limits';
import type { ProductCode } from './types';
import { SCAN_DETAILS } from '../error-messages';

/** The French code family of a 13-digit EAN, from its prefix (domain research §4). */
function codeTypeOf(ean13: string): ProductCode['codeType'] {
  if (ean13.startsWith('3400')) return 'cip13'; // 3400 9…: medicines (CIP13)
  if (ean13.startsWith('3401')) return 'acl13'; // 3401: ACL-coded health products (parapharmacy, devices…)
  return 'ean13';
}

/**
 * An EAN-13 (CIP13, ACL13 or any other) or a legacy CIP7.
 * - 13 digits: EAN_CHECK_DIGIT when the mod-10 key is wrong.
 * - 7 digits: a CIP7, whose CIP13 is always `34009` + CIP7 + EAN key (true of every BDPM presentation).
 *   Its own 7th-digit key is not checked: CIP7s allocated since CIP13 have none (see check-digits.ts).
 */
export function parseProductCode(data: string): ProductCode {
  assertScanSize(data);
  if (/^\d{13}$/.test(data)) {
    if (!hasValidGs1CheckDigit(data))
      throw new ScanException('EAN_CHECK_DIGIT', SCAN_DETAILS.EAN_CHECK_DIGIT.wrong({ code: data }));
    const codeType = codeTypeOf(data);
    return codeType === 'cip13' ? { code: data, codeType, cip13: data } : { code: data, codeType };
  }
  if (/^\d{7}$/.test(data)) return { code: data, codeType: 'cip7', cip13: cip7ToCip13(data) };
  throw new ScanException('UNKNOWN_CODE', SCAN_DETAILS.UNKNOWN_CODE.productCodeLength());
}
