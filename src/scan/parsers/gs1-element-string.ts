import { ScanException } from '../scan.exception';
import { GS1_AIS, Gs1Ai, lookupAi, validateAiValue } from './gs1-ai';
import { inferElements } from './gs1-infer';
import { SCAN_DETAILS } from '../error-messages';

/** Group Separator (0x1D): how scanners transmit FNC1 between element strings. */
export const GS = '\x1d';

/** Replaces a scanner's FNC1 stand-in (`~`, `|`, `^`…) by GS; an empty replacement is ignored. */
export function restoreFnc1(data: string, fnc1Replacement?: string): string {
  return fnc1Replacement ? data.split(fnc1Replacement).join(GS) : data;
}

export interface Gs1Element {
  ai: string;
  value: string;
}

export interface ElementString {
  elements: Gs1Element[];
  /** True when FNC1 separators were missing and the boundaries between values were inferred. */
  inferred: boolean;
}

/** No real label carries this many elements; past it the data is noise (e.g. `11YYMMDD` repeated). */
export const MAX_ELEMENTS = 32;

/**
 * Parses a GS1 element string (symbology identifier already removed, FNC1 already turned into GS):
 * - human-readable `(01)…(17)…` form, blanks around the `(AI)` marks ignored;
 * - GS-separated form, with an optional leading GS (FNC1 in first position) and trailing GS;
 * - concatenated form without any GS: read strictly, and when that fails, boundaries inferred (gs1-infer.ts).
 */
export function parseElementString(data: string, referenceYear: number): ElementString {
  const result = data.startsWith('(')
    ? { elements: parseHri(data, referenceYear), inferred: false }
    : parseRaw(data, referenceYear);
  if (result.elements.length > MAX_ELEMENTS)
    throw new ScanException('GS1_MALFORMED', SCAN_DETAILS.GS1_MALFORMED.tooManyElements());
  return result;
}

function parseRaw(data: string, referenceYear: number): ElementString {
  let body = data.startsWith(GS) ? data.slice(1) : data;
  if (body.endsWith(GS)) body = body.slice(0, -1);
  if (!body) throw new ScanException('GS1_MALFORMED', SCAN_DETAILS.GS1_MALFORMED.empty());
  try {
    return { elements: parseStrict(body, referenceYear), inferred: false };
  } catch (err) {
    // Valid as it stands wins (a lot may be last with no GS); inference is only for strings that are not.
    const inferred = body.includes(GS) ? undefined : inferElements(body, referenceYear);
    if (inferred) return inferred;
    throw err;
  }
}

function unknownAi(data: string, pos: number): ScanException {
  const shown = JSON.stringify(data.slice(pos, pos + 4));
  return new ScanException('GS1_MALFORMED', SCAN_DETAILS.GS1_MALFORMED.unknownAiAt({ offset: pos, shown }));
}

/** Reads AIs left to right: a predefined-length value has its fixed length, any other runs to GS or end. */
function parseStrict(data: string, referenceYear: number): Gs1Element[] {
  const elements: Gs1Element[] = [];
  let pos = 0;
  while (pos < data.length) {
    const spec = lookupAi(data, pos);
    if (!spec) throw unknownAi(data, pos);
    pos += spec.ai.length;
    let value: string;
    if (spec.predefined) {
      value = data.slice(pos, pos + spec.maxLength);
      pos += value.length;
      if (data[pos] === GS) pos++; // a GS after a predefined-length value is superfluous, not wrong
    } else {
      const end = data.indexOf(GS, pos);
      value = data.slice(pos, end < 0 ? data.length : end);
      pos = end < 0 ? data.length : end + 1;
    }
    validateAiValue(spec, value, referenceYear);
    elements.push({ ai: spec.ai, value });
  }
  return elements;
}

const HRI_AI = /[ \t]*\((\d{2,4})\)[ \t]*/g;

/** `(01)03400930091357 (17)280831`: every `(nn)`…`(nnnn)` is an AI boundary; blanks around it are ignored. */
function parseHri(data: string, referenceYear: number): Gs1Element[] {
  const text = data.replace(/[ \t]+$/, '');
  const marks = [...text.matchAll(HRI_AI)];
  if (marks.length === 0 || marks[0].index !== 0) {
    throw new ScanException('GS1_MALFORMED', SCAN_DETAILS.GS1_MALFORMED.humanReadable());
  }
  return marks.map((m, i) => {
    const spec: Gs1Ai | undefined = GS1_AIS.get(m[1]);
    if (!spec) throw new ScanException('GS1_MALFORMED', SCAN_DETAILS.GS1_MALFORMED.unknownAi({ ai: m[1] }));
    const start = m.index + m[0].length;
    const value = text.slice(start, i + 1 < marks.length ? marks[i + 1].index : text.length);
    validateAiValue(spec, value, referenceYear);
    return { ai: spec.ai, value };
  });
}
