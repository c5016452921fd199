import { ScanException } from '../scan.exception';
import { hasValidGs1CheckDigit } from './check-digits';
import { gs1DateToIso } from './dates';
import { GS1_AI_ROWS } from './gs1-ai-table';
import { SCAN_DETAILS } from '../error-messages';
import { Text } from '../../core/i18n/messages';

/** N numeric, X CSET 82, Y CSET 39, Z base64url (GS1 General Specifications 7.11). */
export type Gs1CharType = 'N' | 'X' | 'Y' | 'Z';

export interface Gs1Component {
  type: Gs1CharType;
  min: number;
  max: number;
  optional: boolean;
  linters: readonly string[];
}

export interface Gs1Ai {
  ai: string;
  title: string;
  /** Predefined length: the value has exactly `maxLength` characters and no FNC1 follows it. */
  predefined: boolean;
  components: readonly Gs1Component[];
  minLength: number;
  maxLength: number;
}

const CHARSETS: Record<Gs1CharType, RegExp> = {
  N: /^[0-9]*$/,
  X: /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/,
  Y: /^[#\-/0-9A-Z]*$/,
  Z: /^[A-Za-z0-9_-]*={0,2}$/,
};

const COMPONENT = /^(\[?)([NXYZ])(\.\.)?(\d+)\]?((?:,[a-z0-9]+)*)$/;

function parseSpec(ai: string, spec: string): Gs1Component[] {
  return spec.split(' ').map((token) => {
    const m = COMPONENT.exec(token);
    if (!m) throw new Error(`GS1 table: bad component ${token} for AI ${ai}`); // build-time table bug, not input
    const n = Number(m[4]);
    return {
      type: m[2] as Gs1CharType,
      min: m[3] ? 1 : n,
      max: n,
      optional: m[1] === '[',
      linters: m[5].split(',').filter(Boolean),
    };
  });
}

function buildTable(): Map<string, Gs1Ai> {
  const table = new Map<string, Gs1Ai>();
  for (const [ais, predefined, spec, title] of GS1_AI_ROWS) {
    const [from, to = from] = ais.split('-');
    for (let n = Number(from); n <= Number(to); n++) {
      const ai = String(n).padStart(from.length, '0');
      const components = parseSpec(ai, spec);
      const minLength = components.filter((c) => !c.optional).reduce((s, c) => s + c.min, 0);
      const maxLength = components.reduce((s, c) => s + c.max, 0);
      table.set(ai, { ai, title, predefined, components, minLength, maxLength });
    }
  }
  return table;
}

/** Every AI of the dictionary, ranges expanded (`3100`…`3105`, `91`…`99`). */
export const GS1_AIS: ReadonlyMap<string, Gs1Ai> = buildTable();

/** The AI starting at `pos`; AIs are prefix-free, so at most one of the 2-, 3- and 4-digit reads matches. */
export function lookupAi(data: string, pos: number): Gs1Ai | undefined {
  for (let len = 2; len <= 4; len++) {
    const candidate = data.slice(pos, pos + len);
    if (candidate.length < len || !/^\d+$/.test(candidate)) return undefined;
    const ai = GS1_AIS.get(candidate);
    if (ai) return ai;
  }
  return undefined;
}

/** Why a value breaks its AI's format, as the ScanException it deserves; undefined when valid. */
export interface Gs1Problem {
  code: 'GS1_MALFORMED' | 'GS1_CHECK_DIGIT';
  detail: Text;
}

/**
 * Checks one AI value against its format components and linters: GS1_CHECK_DIGIT for a wrong `csum`,
 * GS1_MALFORMED for anything else. Linters other than csum and dates (country codes, IBAN…) are not run.
 * Returns the problem instead of throwing, so that separator inference can try splits cheaply.
 */
export function aiValueProblem(spec: Gs1Ai, value: string, referenceYear: number): Gs1Problem | undefined {
  const d = SCAN_DETAILS.GS1_MALFORMED;
  const bad = (detail: Text): Gs1Problem => ({ code: 'GS1_MALFORMED', detail });
  const ai = spec.ai;
  if (value.length < spec.minLength || value.length > spec.maxLength) {
    return bad(d.length({ ai, length: value.length, min: spec.minLength, max: spec.maxLength }));
  }
  let pos = 0;
  for (const [i, c] of spec.components.entries()) {
    if (pos >= value.length && c.optional) break;
    const last = i === spec.components.length - 1;
    const len = last ? Math.min(value.length - pos, c.max) : c.max;
    const part = value.slice(pos, pos + len);
    if (part.length < c.min) return bad(d.tooShort({ ai }));
    if (!CHARSETS[c.type].test(part)) return bad(d.charset({ ai, type: c.type }));
    for (const linter of c.linters) {
      const problem = lint(ai, linter, part, referenceYear);
      if (problem) return problem;
    }
    pos += len;
  }
  return pos === value.length ? undefined : bad(d.tooLong({ ai }));
}

/** As aiValueProblem, throwing the ScanException. */
export function validateAiValue(spec: Gs1Ai, value: string, referenceYear: number): void {
  const problem = aiValueProblem(spec, value, referenceYear);
  if (problem) throw new ScanException(problem.code, problem.detail);
}

function lint(ai: string, linter: string, part: string, referenceYear: number): Gs1Problem | undefined {
  switch (linter) {
    case 'csum':
      return hasValidGs1CheckDigit(part)
        ? undefined
        : { code: 'GS1_CHECK_DIGIT', detail: SCAN_DETAILS.GS1_CHECK_DIGIT.wrong({ ai }) };
    case 'yymmd0':
    case 'yymmdd':
    case 'yyyymmdd':
      return gs1DateToIso(part, referenceYear, linter === 'yymmd0')
        ? undefined
        : { code: 'GS1_MALFORMED', detail: SCAN_DETAILS.GS1_MALFORMED.date({ ai, date: part }) };
    default:
      return undefined;
  }
}
