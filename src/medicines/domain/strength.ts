import { fold, frenchNumber, NUMBER } from './fold';

/** A strength in canonical units: masses in mg, volumes in ml, units in UI; `per` for a concentration. */
export interface Strength {
  amount: number;
  unit: 'mg' | 'ml' | 'UI' | '%' | 'MBq';
  per?: { amount: number; unit: 'ml' | 'mg' };
}

const UNITS: [RegExp, Strength['unit'], number][] = [
  [/^(?:mg|milligrammes?)$/, 'mg', 1],
  [/^(?:g|grammes?)$/, 'mg', 1000],
  [/^(?:kg)$/, 'mg', 1e6],
  [/^(?:microgrammes?|µg|μg|mcg|ug)$/, 'mg', 0.001],
  [/^(?:nanogrammes?|ng)$/, 'mg', 1e-6],
  [/^(?:ml|millilitres?)$/, 'ml', 1],
  [/^(?:l|litres?)$/, 'ml', 1000],
  [/^(?:ui|u\.i\.|u|unites?|ul)$/, 'UI', 1],
  [/^(?:m ?ui|m\.u\.i\.|millions? (?:d')?ui)$/, 'UI', 1e6],
  [/^%$/, '%', 1],
  [/^mbq$/, 'MBq', 1],
  [/^gbq$/, 'MBq', 1000],
];

function unitOf(text: string): [Strength['unit'], number] | undefined {
  const t = text.trim();
  for (const [re, unit, factor] of UNITS) if (re.test(t)) return [unit, factor];
  return undefined;
}

const UNIT_WORD = String.raw`[a-zµμ%.' ]+?`;
const QUANTITY = new RegExp(String.raw`^(${NUMBER})\s*(${UNIT_WORD})$`);

/** `1 g`, `0,5 g`, `500 mg`, `100 microgrammes` → one canonical quantity; undefined when unreadable. */
export function parseQuantity(text: string): { amount: number; unit: Strength['unit'] } | undefined {
  const m = QUANTITY.exec(fold(text));
  if (!m) return undefined;
  const unit = unitOf(m[2]);
  return unit ? { amount: frenchNumber(m[1]) * unit[1], unit: unit[0] } : undefined;
}

/**
 * A prescribed or composition strength: `1 g` = `1000 mg` = `1 000 mg`; `250 mg/5 ml` and `50 mg/ml`
 * are the same concentration. Undefined when the text is not a single strength (homeopathic dilutions…).
 */
export function parseStrength(text: string | undefined): Strength | undefined {
  if (!text) return undefined;
  const [head, tail, ...rest] = fold(text).split('/');
  if (rest.length) return undefined;
  const q = parseQuantity(head);
  if (!q) return undefined;
  if (tail === undefined) return q;
  const per = parseQuantity(/^\s*[a-z]/.test(tail) ? `1 ${tail}` : tail);
  if (!per || (per.unit !== 'ml' && per.unit !== 'mg')) return undefined;
  return { ...q, per: { amount: per.amount, unit: per.unit } };
}

const REF_AMOUNT = new RegExp(String.raw`^(${NUMBER})\s*(ml|g|l|mg)\b`);
const REF_SIZED_UNIT = new RegExp(String.raw`^(?:un|une|1)\s[^0-9]*?\bde\s+(${NUMBER})\s*(ml|g|l)\b`);

/**
 * The quantity that a composition's dosage refers to (CIS_COMPO column 6): `un comprimé`, `une ampoule
 * de 2 ml`, `un sachet de 8,000 g` are one unit each; `5 ml de suspension`, `100 g de crème` are amounts.
 */
export function parseReference(text: string | undefined): { perUnit: boolean; amount?: Strength['per'] } {
  if (!text) return { perUnit: true };
  const t = fold(text);
  const amount = REF_AMOUNT.exec(t);
  const q = amount && parseQuantity(`${amount[1]} ${amount[2]}`);
  if (q && (q.unit === 'ml' || q.unit === 'mg'))
    return { perUnit: false, amount: { amount: q.amount, unit: q.unit } };
  const sized = REF_SIZED_UNIT.exec(t);
  const size = sized && parseQuantity(`${sized[1]} ${sized[2]}`);
  return size && (size.unit === 'ml' || size.unit === 'mg')
    ? { perUnit: true, amount: { amount: size.amount, unit: size.unit } }
    : { perUnit: true };
}

/**
 * The strengths a composition row can be prescribed as: per dose unit (`500 mg` for `un comprimé`), and
 * as a concentration when the reference is an amount (`250 mg` per `5 ml` = `50 mg/ml`) or a unit of
 * known size (`une ampoule de 2 ml`).
 */
export function compositionStrengths(dosage: string | undefined, reference: string | undefined): Strength[] {
  const s = parseStrength(dosage);
  if (!s) return [];
  if (s.per) return [s];
  const ref = parseReference(reference);
  const out: Strength[] = [];
  if (ref.perUnit) out.push(s);
  if (ref.amount) out.push({ ...s, per: ref.amount });
  return out;
}

/** Same strength, comparing concentrations as ratios, to a relative 1e-6. */
export function sameStrength(a: Strength, b: Strength): boolean {
  if (a.unit !== b.unit || (a.per === undefined) !== (b.per === undefined)) return false;
  if (a.per && b.per && a.per.unit !== b.per.unit) return false;
  const x = a.per ? a.amount / a.per.amount : a.amount;
  const y = b.per ? b.amount / b.per.amount : b.amount;
  return Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y));
}
