import { ScanException } from '../scan.exception';
import { aiValueProblem, GS1_AIS, Gs1Ai } from './gs1-ai';
import type { ElementString, Gs1Element } from './gs1-element-string';
import { SCAN_DETAILS } from '../error-messages';

/**
 * The AIs of a French medicine pack (FMD unique identifier: GTIN, expiry, lot, serial); only these are
 * tried when separators are missing, since every extra AI (11, 240, 71x…) is one more way to cut a lot
 * or a serial in two.
 */
export const PACK_AIS = ['01', '17', '10', '21'];

const MAX_PARSES = 32;
const MAX_STEPS = 20_000; // values tried; bounds the search on hostile input

/**
 * Separator inference for a concatenated element string that is not valid as it stands (a scanner that
 * drops FNC1), e.g. the real `01034009300913572188026252604381310VWA25001A17280831`: every split into
 * PACK_AIS values (each AI once, each value valid, dates and check digits included) is enumerated; the
 * one with the most elements wins (so a serial does not swallow `10…17YYMMDD`), and a tie is refused as
 * ambiguous (GS1_MALFORMED). Undefined when no split exists: the caller then reports the strict error.
 * Known limit: when FNC1 was dropped but the string is valid as it stands (lot + serial glued within 20
 * characters), the strict reading is taken, as GS1 requires; no parser can tell the two apart.
 */
export function inferElements(data: string, referenceYear: number): ElementString | undefined {
  const parses: Gs1Element[][] = [];
  let steps = 0;
  const path: Gs1Element[] = [];
  const used = new Set<string>();

  const walk = (pos: number): void => {
    if (steps > MAX_STEPS || parses.length >= MAX_PARSES) return;
    if (pos === data.length) {
      parses.push([...path]);
      return;
    }
    for (const ai of PACK_AIS) {
      if (used.has(ai) || !data.startsWith(ai, pos)) continue;
      const spec = GS1_AIS.get(ai) as Gs1Ai;
      const start = pos + ai.length;
      const longest = Math.min(spec.maxLength, data.length - start);
      const shortest = spec.predefined ? spec.maxLength : spec.minLength;
      for (let len = shortest; len <= longest; len++) {
        if (++steps > MAX_STEPS) return;
        const value = data.slice(start, start + len);
        if (aiValueProblem(spec, value, referenceYear)) continue;
        used.add(ai);
        path.push({ ai, value });
        walk(start + len);
        path.pop();
        used.delete(ai);
      }
    }
  };
  walk(0);

  if (steps > MAX_STEPS || parses.length >= MAX_PARSES) {
    throw new ScanException('GS1_MALFORMED', SCAN_DETAILS.GS1_MALFORMED.ambiguous());
  }
  if (parses.length === 0) return undefined;
  const most = Math.max(...parses.map((p) => p.length));
  const best = parses.filter((p) => p.length === most);
  if (best.length > 1) {
    throw new ScanException('GS1_MALFORMED', SCAN_DETAILS.GS1_MALFORMED.ambiguous());
  }
  return { elements: best[0], inferred: true }; // strict reading failed, so some boundary was guessed
}
