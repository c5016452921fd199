import { ScanException } from '../scan.exception';
import { expiryToIso } from './dates';
import { parseElementString, restoreFnc1 } from './gs1-element-string';
import { assertScanSize } from './limits';
import type { Pack } from './types';
import { SCAN_DETAILS } from '../error-messages';

export interface PackParse {
  parsed: Pack;
  warnings: string[];
}

/**
 * A GS1 element string read off a pack (GS1 DataMatrix, GS1-128…), symbology identifier removed.
 * AI (01) is required; CIP13 is GTIN[1..13] when the GTIN starts `03400`, ACL13 when it starts `03401`.
 * An ACL13 gets no warning: API.md says a product is out of ON scope only when it fits no line.
 */
export function parsePack(
  data: string,
  options: { fnc1Replacement?: string; referenceYear?: number } = {},
): PackParse {
  assertScanSize(data);
  const referenceYear = options.referenceYear ?? new Date().getFullYear();
  const { elements, inferred } = parseElementString(
    restoreFnc1(data, options.fnc1Replacement),
    referenceYear,
  );
  const ais: Record<string, string> = {};
  for (const { ai, value } of elements) {
    if (Object.hasOwn(ais, ai) && ais[ai] !== value)
      throw new ScanException('GS1_MALFORMED', SCAN_DETAILS.GS1_MALFORMED.twice({ ai }));
    ais[ai] = value;
  }
  const gtin = ais['01'];
  if (gtin === undefined) throw new ScanException('GS1_MALFORMED', SCAN_DETAILS.GS1_MALFORMED.noGtin());
  const parsed: Pack = { gtin, ais };
  if (gtin.startsWith('03400')) parsed.cip13 = gtin.slice(1);
  if (gtin.startsWith('03401')) parsed.acl13 = gtin.slice(1);
  if (ais['17'] !== undefined) parsed.expiry = expiryToIso(ais['17'], referenceYear);
  if (ais['10'] !== undefined) parsed.lot = ais['10'];
  if (ais['21'] !== undefined) parsed.serial = ais['21'];
  return { parsed, warnings: inferred ? ['GS1_SEPARATOR_INFERRED'] : [] };
}
