import { ScanException } from '../scan.exception';
import { isLuhnValid } from './check-digits';
import { isIsoDate } from './dates';
import { assertScanSize, UNSAFE_TEXT } from './limits';
import { PRESCRIPTION_ID_FORMAT } from './prescription-id.parser';
import type { PrescriptionId, PrescriptionQr } from './types';
import { SCAN_DETAILS } from '../error-messages';
import { Text } from '../../core/i18n/messages';

/*
 * ON prescription QR payload (v2), as given in the mission documents; no public source confirms it
 * (domain research §3.1), so the reader is strict on what it needs and tolerant of the rest:
 *
 *   {"S":{"V":2},"D":{"ID":"202106180921110040","P":{"N":"GENE","P":"Alain","D":"1966-02-23"},
 *    "M":{"RPPS":"99900038441","AM":"991118019"}}}
 *
 * | path        | meaning                         | rule                                                 |
 * |-------------|---------------------------------|------------------------------------------------------|
 * | S.V         | payload version                 | integer (or digit string); ≠ 2 → QR_VERSION_UNSUPPORTED |
 * | D.ID        | prescription ID                 | string, 10–40 letters/digits                         |
 * | D.P.N / .P  | patient last / first name       | string ≤ 100, no control or bidi characters          |
 * | D.P.D       | patient birth date              | `YYYY-MM-DD`, a real date                            |
 * | D.M.RPPS    | prescriber RPPS                 | 11 digits (else QR_MALFORMED); Luhn key wrong → RPPS_CHECK_DIGIT warning |
 * | D.M.AM      | prescriber AM number            | optional, 9 characters (2A/2B allowed)               |
 * | D.M.FINESS  | establishment FINESS instead of AM (alias `FI`) | optional, 9 characters (2A/2B allowed) |
 * | D.M.RPPSR   | replacing prescriber's RPPS (alias `R`) | optional, as RPPS                            |
 * | other keys  | kept in `extra` by dotted path  | any JSON value                                       |
 *
 * Key names FINESS/FI and RPPSR/R are our choice, the real variants being unpublished. An unknown
 * version whose body is not this layout degrades to a bare `prescription-id` (QR_CONTENT_UNREADABLE),
 * as the research advises ("ID-only, fetch online"); a v2 QR that breaks the layout is QR_MALFORMED.
 */

/** Deeper nesting than the v2 layout needs (3) is refused before JSON.parse ever sees it. */
export const MAX_QR_JSON_DEPTH = 8;

type Json = Record<string, unknown>;
export type QrParse =
  | { kind: 'prescription-qr'; parsed: PrescriptionQr; warnings: string[] }
  | { kind: 'prescription-id'; parsed: PrescriptionId; warnings: string[] };

const KNOWN: Record<string, readonly string[]> = {
  '': ['S', 'D'],
  S: ['V'],
  D: ['ID', 'P', 'M'],
  'D.P': ['N', 'P', 'D'],
  'D.M': ['RPPS', 'AM', 'FINESS', 'FI', 'RPPSR', 'R'],
};

const D = SCAN_DETAILS.QR_MALFORMED;

function bad(detail: Text): ScanException {
  return new ScanException('QR_MALFORMED', detail);
}

/** Nesting depth of `{`/`[` outside strings, stopping early once past `max`. */
function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > max) return true;
    } else if (c === '}' || c === ']') depth--;
  }
  return false;
}

/** True when any key or string in the parsed JSON holds a control, bidi or zero-width character. */
function hasUnsafeText(v: unknown): boolean {
  if (typeof v === 'string') return UNSAFE_TEXT.test(v);
  if (Array.isArray(v)) return v.some(hasUnsafeText);
  if (typeof v === 'object' && v !== null)
    return Object.entries(v).some(([k, x]) => UNSAFE_TEXT.test(k) || hasUnsafeText(x));
  return false;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Json, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function objectAt(o: Json, key: string, path: string): Json {
  const v = own(o, key);
  if (!isObject(v)) throw bad(D.mustBeObject({ path }));
  return v;
}

function text(o: Json, key: string, path: string, max: number, allowEmpty = false): string {
  const v = own(o, key);
  if (typeof v !== 'string') throw bad(D.mustBeString({ path }));
  const s = v.trim();
  if ((!allowEmpty && !s) || s.length > max) throw bad(D.invalidValue({ path }));
  return s;
}

function optionalId(o: Json, keys: string[], path: string, format: RegExp): string | undefined {
  const key = keys.find((k) => own(o, k) !== undefined);
  if (key === undefined) return undefined;
  const v = own(o, key);
  if (typeof v !== 'string' || !format.test(v)) throw bad(D.invalidIdentifier({ path: `${path}.${key}` }));
  return v;
}

function readVersion(s: Json): number {
  const v = own(s, 'V');
  const n = typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 999) throw bad(D.version());
  return n;
}

const RPPS = /^\d{11}$/;
const NINE = /^(\d{2}|2A|2B)\d{7}$/; // AM and FINESS numbers: department (Corsica 2A/2B) + 7 digits

function readV2(d: Json, warnings: string[]): Omit<PrescriptionQr, 'prescriptionId' | 'qrVersion'> {
  const p = objectAt(d, 'P', 'D.P');
  const m = objectAt(d, 'M', 'D.M');
  const birthDate = text(p, 'D', 'D.P.D', 10);
  if (!isIsoDate(birthDate)) throw bad(D.birthDate());
  const patient = {
    lastName: text(p, 'N', 'D.P.N', 100),
    firstName: text(p, 'P', 'D.P.P', 100, true),
    birthDate,
  };
  const rpps = optionalId(m, ['RPPS'], 'D.M', RPPS);
  if (rpps === undefined) throw bad(D.rppsRequired());
  const prescriber: PrescriptionQr['prescriber'] = { rpps };
  const am = optionalId(m, ['AM'], 'D.M', NINE);
  const finess = optionalId(m, ['FINESS', 'FI'], 'D.M', NINE);
  const replacementRpps = optionalId(m, ['RPPSR', 'R'], 'D.M', RPPS);
  if (am !== undefined) prescriber.am = am;
  if (finess !== undefined) prescriber.finess = finess;
  if (replacementRpps !== undefined) prescriber.replacementRpps = replacementRpps;
  if (![rpps, replacementRpps].every((r) => r === undefined || isLuhnValid(r)))
    warnings.push('RPPS_CHECK_DIGIT');
  return { patient, prescriber };
}

/** Unknown keys of the known objects, by dotted path; built with fromEntries so `__proto__` stays data. */
function extras(root: Json): Record<string, unknown> | undefined {
  const found: [string, unknown][] = [];
  for (const [path, known] of Object.entries(KNOWN)) {
    let o: unknown = root;
    for (const k of path ? path.split('.') : []) o = isObject(o) ? own(o, k) : undefined;
    if (!isObject(o)) continue;
    for (const k of Object.keys(o)) if (!known.includes(k)) found.push([path ? `${path}.${k}` : k, o[k]]);
  }
  return found.length ? Object.fromEntries(found) : undefined;
}

/** A prescription QR payload (JSON). QR_MALFORMED whenever it cannot be read. */
export function parsePrescriptionQr(data: string): QrParse {
  assertScanSize(data);
  if (!data.trimStart().startsWith('{')) throw bad(D.notObject());
  if (exceedsDepth(data, MAX_QR_JSON_DEPTH)) throw bad(D.tooDeep({ max: MAX_QR_JSON_DEPTH }));
  let root: unknown;
  try {
    root = JSON.parse(data);
  } catch {
    throw bad(D.invalidJson());
  }
  if (!isObject(root)) throw bad(D.notObject());
  if (hasUnsafeText(root)) throw bad(D.unsafeText());
  const qrVersion = readVersion(objectAt(root, 'S', 'S'));
  const d = objectAt(root, 'D', 'D');
  const id = own(d, 'ID');
  if (typeof id !== 'string' || !PRESCRIPTION_ID_FORMAT.test(id)) throw bad(D.prescriptionId());
  const warnings: string[] = qrVersion === 2 ? [] : ['QR_VERSION_UNSUPPORTED'];
  let body: ReturnType<typeof readV2>;
  try {
    body = readV2(d, warnings);
  } catch (err) {
    if (qrVersion === 2) throw err;
    return {
      kind: 'prescription-id',
      parsed: { prescriptionId: id },
      warnings: [...warnings, 'QR_CONTENT_UNREADABLE'],
    };
  }
  const parsed: PrescriptionQr = { prescriptionId: id, qrVersion, ...body };
  const extra = extras(root);
  if (extra) parsed.extra = extra;
  return { kind: 'prescription-qr', parsed, warnings };
}

/**
 * The ON QR payload (v2) this parser reads, as the paper copy carries it: the ID, the patient's traits
 * and the prescriber's identifiers (the optional ones only when present). Used by the sandbox's paper
 * copies and by the reconstitution PDF, so both scan back to the same prescription.
 */
export function encodePrescriptionQr(
  qr: Pick<PrescriptionQr, 'prescriptionId' | 'patient' | 'prescriber'>,
): string {
  const { prescriber, patient } = qr;
  const m: Record<string, string> = { RPPS: prescriber.rpps };
  if (prescriber.am) m.AM = prescriber.am;
  if (prescriber.finess) m.FINESS = prescriber.finess;
  if (prescriber.replacementRpps) m.RPPSR = prescriber.replacementRpps;
  return JSON.stringify({
    S: { V: 2 },
    D: {
      ID: qr.prescriptionId,
      P: { N: patient.lastName, P: patient.firstName, D: patient.birthDate },
      M: m,
    },
  });
}
