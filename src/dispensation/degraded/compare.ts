import { fold } from '../../core/text/fold';
import type { PrescriptionLine } from '../../prescription/teleservice/teleservice.types';

type Value = string | number | boolean | undefined;

/**
 * What decides a delivery on a line, as the pharmacist transcribes it from the paper, besides the product:
 * the quantity, the duration, the renewals, the posology's units per day and the « non substituable »
 * mention. Free text (labels, posology wording) is not compared: the paper and the base word it
 * differently without differing.
 */
function fields(l: PrescriptionLine): Record<string, Value> {
  return {
    kind: l.kind,
    'quantity.boxes': l.quantity?.boxes,
    'quantity.units': l.quantity?.units,
    durationDays: l.durationDays,
    renewals: l.renewals ?? 0,
    'posology.unitsPerDay': l.posology.unitsPerDay,
    nonSubstitutable: l.nonSubstitutable,
  };
}

const CODES = ['cis', 'cip13', 'lpp', 'code'] as const;

/**
 * The product, by the codes both sides give (one equal code is the same product), else by the DC both
 * give (substance, strength and form as far as the paper says them), else by what each names it.
 */
function productDifferences(lineId: string, a: PrescriptionLine, b: PrescriptionLine): string[] {
  const shared = CODES.filter((k) => a.product[k] !== undefined && b.product[k] !== undefined);
  if (shared.some((k) => a.product[k] === b.product[k])) return [];
  if (shared.length) return shared.map((k) => `${lineId}.product.${k}: ${a.product[k]} ≠ ${b.product[k]}`);
  const [x, y] = [a.product.dc, b.product.dc];
  if (x && y) {
    const strength = (s?: string) => (s ? fold(s).replace(/\s+/g, '') : undefined);
    const pairs: [string, Value, Value][] = [
      ['substance', fold(x.substance), fold(y.substance)],
      ['strength', strength(x.strength), strength(y.strength)],
      ['form', x.form && fold(x.form), y.form && fold(y.form)],
    ];
    return pairs
      .filter(([, u, v]) => u !== undefined && u !== v)
      .map(([k, u, v]) => `${lineId}.product.dc.${k}: ${shown(u)} ≠ ${shown(v)}`);
  }
  const name = (l: PrescriptionLine) =>
    l.product.dc?.substance ?? l.product.label ?? CODES.map((k) => l.product[k]).find(Boolean);
  const [u, v] = [name(a), name(b)];
  return u !== undefined && v !== undefined && fold(u) === fold(v)
    ? []
    : [`${lineId}.product: ${shown(u)} ≠ ${shown(v)}`];
}

const shown = (v: Value): string => (v === undefined ? '—' : String(v));

/**
 * The transcription against the teleservice's prescription, line by line (by `lineId`): one entry per
 * difference, `lineId.field: transcribed ≠ teleservice`; a field the paper leaves out is not a difference
 * when the teleservice has it, except the kind and the boxes. Empty when equal.
 */
export function compareTranscription(
  transcribed: readonly PrescriptionLine[],
  teleservice: readonly PrescriptionLine[],
): string[] {
  const out: string[] = [];
  const theirs = new Map(teleservice.map((l) => [l.lineId, l]));
  const mine = new Set(transcribed.map((l) => l.lineId));
  for (const line of transcribed) {
    const other = theirs.get(line.lineId);
    if (!other) {
      out.push(`${line.lineId}: transcrite, absente du téléservice`);
      continue;
    }
    out.push(...productDifferences(line.lineId, line, other));
    const a = fields(line);
    const b = fields(other);
    for (const key of Object.keys(a)) {
      const optional = key !== 'kind' && key !== 'quantity.boxes';
      if (a[key] === undefined && optional) continue;
      if (a[key] !== b[key]) out.push(`${line.lineId}.${key}: ${shown(a[key])} ≠ ${shown(b[key])}`);
    }
  }
  for (const other of teleservice) {
    if (!mine.has(other.lineId)) out.push(`${other.lineId}: au téléservice, non transcrite`);
  }
  return out;
}
