import { splitSymbology } from '../../../devices/scanner/aim';
import { ScanException } from '../scan.exception';
import { APCV_PREFIXES, isApcv, parseApcv } from './apcv.parser';
import { GS, restoreFnc1 } from './gs1-element-string';
import { parseIns } from './ins.parser';
import { assertScanSize } from './limits';
import { parsePack } from './pack.parser';
import { isPrescriptionId } from './prescription-id.parser';
import { parsePrescriptionQr } from './prescription-qr.parser';
import { parseProductCode } from './product-code.parser';
import type { ParsedScan, ParseOptions, ParserResult } from './types';
import { SCAN_DETAILS } from '../error-messages';
import { Text } from '../../core/i18n/messages';

export * from './types';
export { APCV_PREFIXES, isApcv, parseApcv } from './apcv.parser';
export {
  cip7Key,
  cip7ToCip13,
  gs1CheckDigit,
  hasValidGs1CheckDigit,
  isLuhnValid,
  nirKey,
} from './check-digits';
export { expiryToIso, gs1DateToIso, gs1Year, lastDayOfMonth } from './dates';
export { GS1_AIS, lookupAi } from './gs1-ai';
export { GS, parseElementString, restoreFnc1 } from './gs1-element-string';
export { INS_HEADER, parseIns } from './ins.parser';
export { MAX_SCAN_LENGTH } from './limits';
export { parsePack } from './pack.parser';
export { isPrescriptionId, parsePrescriptionId, PRESCRIPTION_ID_FORMAT } from './prescription-id.parser';
export { MAX_QR_JSON_DEPTH, parsePrescriptionQr } from './prescription-qr.parser';
export { parseProductCode } from './product-code.parser';

/*
 * Classification: the first matching row decides the kind, and then that kind's parser alone decides
 * (its errors are final; there is no falling back to another kind).
 *
 * | # | test, on data without AIM identifier and surrounding blanks (CR, LF, tab, space) | kind / error            |
 * |---|----------------------------------------------------------------------------------|-------------------------|
 * | 0 | longer than MAX_SCAN_LENGTH (4096), before anything else                         | SCAN_TOO_LARGE          |
 * | 1 | starts `{`                                                                       | prescription-qr (QR_MALFORMED) |
 * | 2 | starts `IS` + 2 digits                                                           | ins (INS_MALFORMED)     |
 * | 3 | starts with an apCV prefix (`APCV:` by default)                                  | apcv                    |
 * | 4 | GS1 symbology (`]d2` `]Q3` `]C1` `]e0`…), or starts `(`+digits, or starts GS, or |                         |
 * |   | starts with 2 digits and holds a GS, or starts `01` + 14 digits                  | pack (GS1_*)            |
 * | 5 | 13 digits                                                                        | product-code (EAN_CHECK_DIGIT) |
 * | 6 | 14 digits starting `0`: a GTIN alone (ITF-14, typed) → as `(01)…`, GTIN_WITHOUT_AI | pack (GS1_CHECK_DIGIT) |
 * | 7 | 7 digits                                                                         | product-code `cip7`     |
 * | 8 | 10–40 letters/digits with a digit (isPrescriptionId)                             | prescription-id         |
 * | 9 | anything else (other lengths, punctuation, control characters, BOM…)             | UNKNOWN_CODE            |
 *
 * The FNC1 replacement applies to rows 2 and 4–9 (never inside a JSON QR, whose names may hold it).
 */
const BLANKS = /^[ \t\r\n]+|[ \t\r\n]+$/g;

export function parseScan(data: string, options: ParseOptions = {}): ParsedScan {
  assertScanSize(data);
  const { symbology, data: body } = splitSymbology(data.replace(BLANKS, ''));
  // ITF-14 carries a bare GTIN, never an element string, whatever its modifier says.
  const gs1 = (symbology?.gs1 ?? false) && symbology?.symbology !== 'itf';
  const result = classifyAndParse(body.replace(BLANKS, ''), gs1, options);
  return symbology ? { ...result, symbology } : result;
}

function classifyAndParse(data: string, gs1Symbology: boolean, options: ParseOptions): ParserResult {
  if (data.startsWith('{')) return parsePrescriptionQr(data);
  const text = restoreFnc1(data, options.fnc1Replacement);
  const referenceYear = options.referenceYear ?? new Date().getFullYear();
  if (/^IS\d\d/.test(text)) return { kind: 'ins', ...parseIns(text) };
  const apcvPrefixes = options.apcvPrefixes ?? APCV_PREFIXES;
  if (isApcv(data, apcvPrefixes))
    return { kind: 'apcv', parsed: parseApcv(data, apcvPrefixes), warnings: [] };
  if (gs1Symbology || isGs1Text(text)) return { kind: 'pack', ...parsePack(text, { referenceYear }) };
  if (/^\d{13}$/.test(text)) return { kind: 'product-code', parsed: parseProductCode(text), warnings: [] };
  if (/^0\d{13}$/.test(text)) {
    const { parsed, warnings } = parsePack(`01${text}`, { referenceYear });
    return { kind: 'pack', parsed, warnings: [...warnings, 'GTIN_WITHOUT_AI'] };
  }
  if (/^\d{7}$/.test(text)) return { kind: 'product-code', parsed: parseProductCode(text), warnings: [] };
  if (isPrescriptionId(text))
    return { kind: 'prescription-id', parsed: { prescriptionId: text }, warnings: [] };
  throw new ScanException('UNKNOWN_CODE', describe(text));
}

function isGs1Text(text: string): boolean {
  return (
    text.startsWith(GS) ||
    /^\(\d{2,4}\)/.test(text) ||
    (/^\d{2}/.test(text) && text.includes(GS)) ||
    /^01\d{14}/.test(text)
  );
}

/** A short description for the error detail that never echoes the scanned data (it may be personal). */
function describe(text: string): Text {
  if (!text) return SCAN_DETAILS.UNKNOWN_CODE.empty();
  return SCAN_DETAILS.UNKNOWN_CODE.unrecognised({ length: text.length });
}
