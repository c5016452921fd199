import type { Presentation, Speciality } from '../../medicines/medicines.types';
import { issue, Issue } from '../issue';
import { duplicateSerials, notInReferential, packIssues } from './pack-checks';
import {
  CheckContext,
  daysPerBox,
  listChecks,
  narcoticTiming,
  priorDeliveries,
  treatmentExpiry,
} from './prescription-checks';
import { fitOf, fitRank, productIssues } from './product-fit';
import {
  LARGE_PACK_TREATMENT_DAYS,
  QUARTER_PACK_DAYS,
  QuantityResult,
  reconcileQuantity,
  treatmentDays,
  unitsPerDelivery,
} from './quantity';
import type {
  LineFacts,
  LineReconciliation,
  PackFacts,
  ReconciliationInput,
  ReconciliationResult,
  ReconciliationStatus,
} from './reconciliation.types';

/** Issues that say the product is not the prescribed one (status `mismatch`). */
const PRODUCT_CODES = new Set(['NS_SUBSTITUTION_FORBIDDEN', 'NOT_SAME_GENERIC_GROUP', 'PRODUCT_MISMATCH']);

/**
 * Reconciles what is on a dispensation with its prescription: per line, the status, the boxes expected,
 * dispensed and remaining, whether a generic replaced the product, and the issues; on the dispensation,
 * the issues of packs that fit no line. Pure: every referential fact comes in `input`.
 */
export function reconcile(input: ReconciliationInput): ReconciliationResult {
  const lineIds = new Set(input.lines.map((f) => f.line.lineId));
  const duplicates = duplicateSerials(input.packs);
  const issues: Issue[] = [];
  for (const pack of input.packs) {
    if (pack.lineId !== undefined && lineIds.has(pack.lineId)) continue;
    issues.push(...unassignedIssues(pack), ...packIssues(pack, input.dispensingDate, duplicates));
  }
  const lines: Record<string, LineReconciliation> = {};
  for (const facts of input.lines) lines[facts.line.lineId] = reconcileLine(facts, input, duplicates);
  return { lines, issues };
}

/**
 * The line a pack goes to when none is given: the best fit (exact product or device code, then an
 * allowed generic, then the DC, then a forbidden substitution), a line still waiting for boxes first,
 * then prescription order. Undefined when no line fits.
 */
export function chooseLine(
  pack: PackFacts,
  lines: LineFacts[],
  current?: ReconciliationResult,
): string | undefined {
  let best: { lineId: string; rank: number; waiting: boolean } | undefined;
  for (const facts of lines) {
    const rank = fitRank(fitOf(pack, facts), facts);
    if (rank === 0) continue;
    const r = current?.lines[facts.line.lineId];
    const waiting = !r || (r.remainingBoxes === null ? r.dispensedBoxes === 0 : r.remainingBoxes > 0);
    if (!best || rank > best.rank || (rank === best.rank && waiting && !best.waiting)) {
      best = { lineId: facts.line.lineId, rank, waiting };
    }
  }
  return best?.lineId;
}

/** A pack on no line: a medicine is a mismatch, an unknown CIP13 needs a line, anything else is sold apart. */
function unassignedIssues(pack: PackFacts): Issue[] {
  const details = { packId: pack.packId };
  if (pack.product) {
    const name = pack.product.speciality.name;
    return [issue('PRODUCT_MISMATCH', `${name} matches no line of the prescription`, details)];
  }
  if (pack.cip13) return [notInReferential(pack, false)];
  return [
    issue('OUT_OF_ON_SCOPE', `Code ${pack.code ?? '?'} is on no line: sold outside the prescription`, {
      ...details,
      ...(pack.code ? { code: pack.code } : {}),
    }),
  ];
}

function reconcileLine(
  facts: LineFacts,
  input: ReconciliationInput,
  duplicates: Set<string>,
): LineReconciliation {
  const { line } = facts;
  const packs = input.packs.filter((p) => p.lineId === line.lineId);
  const manualQuantity = input.manualDeliveries
    .filter((m) => m.lineId === line.lineId)
    .reduce((n, m) => n + m.quantity, 0);
  const something = packs.length > 0 || manualQuantity > 0;
  const prior = priorDeliveries(input.prescription, line.lineId);
  const issues: Issue[] = [];
  let substitution = false;
  // A wrong product is on the line (with its issue) but does not count towards the prescribed quantity.
  const counted: PackFacts[] = [];
  for (const pack of packs) {
    const fit = fitOf(pack, facts);
    if (fit !== 'none' && fit !== 'other-group') counted.push(pack);
    const product = productIssues(fit, pack, facts);
    issues.push(...product.issues);
    substitution ||= product.substitution;
    if (pack.cip13 && !pack.product && line.kind === 'medication') issues.push(notInReferential(pack, true));
    issues.push(...packIssues(pack, input.dispensingDate, duplicates));
  }
  const specialities = deliveredSpecialities(counted, facts);
  const unitsPerBox =
    facts.presentation?.pack.units ??
    counted.find((p) => p.product?.presentation.pack.units)?.product?.presentation.pack.units;
  const ctx: CheckContext = {
    prescription: input.prescription,
    line,
    dispensingDate: input.dispensingDate,
    specialities,
    prior,
    unitsPerBox,
  };
  // Computed before anything is scanned too, so that `expectedBoxes` already shows what is still due.
  const timing = line.kind === 'medication' ? narcoticTiming(ctx) : { issues: [] };
  const q = reconcileQuantity({
    line,
    prescribedUnits: facts.presentation?.pack.units,
    referenceUnits: referenceUnits(facts, input),
    packs: counted.map((p) => ({ quantity: p.quantity, units: p.product?.presentation.pack.units })),
    manualQuantity,
    priorBoxes: prior.reduce((n, d) => n + d.boxes, 0),
    deliverableDays: timing.deliverableDays,
  });
  if (something) {
    issues.push(...timing.issues);
    if (line.kind === 'medication') issues.push(...listChecks(ctx, q));
    issues.push(...treatmentExpiry(ctx), ...quantityIssues(q, counted));
    const large = line.kind === 'medication' ? largePackDue(facts, input, counted, q, ctx) : undefined;
    if (large) issues.push(large);
  }
  return {
    status: statusOf(something, issues, q.state, substitution),
    expectedBoxes: q.expectedBoxes,
    dispensedBoxes: q.dispensedBoxes,
    remainingBoxes: q.remainingBoxes,
    substitution,
    issues,
  };
}

function statusOf(
  something: boolean,
  issues: Issue[],
  state: QuantityResult['state'],
  substitution: boolean,
): ReconciliationStatus {
  if (!something) return 'pending';
  const open = issues.filter((i) => !i.overridden);
  if (open.some((i) => PRODUCT_CODES.has(i.code))) return 'mismatch';
  if (open.some((i) => i.severity === 'blocking' && i.code !== 'QUANTITY_EXCEEDS_PRESCRIPTION'))
    return 'blocked';
  if (state === 'over') return 'over';
  if (state === 'partial') return 'partial';
  return substitution ? 'substituted' : 'matched';
}

function quantityIssues(q: QuantityResult, packs: PackFacts[]): Issue[] {
  const out: Issue[] = [];
  if (q.unitsUnknown) {
    for (const p of packs.filter((p) => !p.product?.presentation.pack.units)) {
      out.push(
        issue(
          'PACK_UNITS_UNKNOWN',
          `The content of ${p.product?.presentation.label ?? p.cip13 ?? 'this pack'} cannot be read in units`,
          {
            packId: p.packId,
          },
        ),
      );
    }
  }
  const counts = { expectedBoxes: q.expectedBoxes ?? 0, dispensedBoxes: q.dispensedBoxes };
  if (q.state === 'over') {
    out.push(
      issue(
        'QUANTITY_EXCEEDS_PRESCRIPTION',
        `More than prescribed for this delivery (${q.expectedBoxes ?? 0} box(es) due)`,
        counts,
      ),
    );
  }
  if (q.state === 'partial') {
    out.push(
      issue('PARTIAL_DELIVERY', `${q.remainingBoxes} box(es) remain to deliver later`, {
        ...counts,
        remainingBoxes: q.remainingBoxes ?? 0,
      }),
    );
  }
  return out;
}

function deliveredSpecialities(packs: PackFacts[], facts: LineFacts): Speciality[] {
  const byCis = new Map<string, Speciality>();
  for (const p of packs) if (p.product) byCis.set(p.product.speciality.cis, p.product.speciality);
  if (byCis.size) return [...byCis.values()];
  return facts.speciality ? [facts.speciality] : [];
}

function presentationsOf(cis: string | undefined, input: ReconciliationInput): Presentation[] {
  return (cis && input.presentations[cis]) || [];
}

/** The pack size a need in units is counted in when the line names no presentation: the fewest boxes, then the least waste. */
function referenceUnits(facts: LineFacts, input: ReconciliationInput): number | undefined {
  if (facts.presentation?.pack.units) return facts.presentation.pack.units;
  const need = unitsPerDelivery(facts.line);
  const sizes = presentationsOf(facts.speciality?.cis, input)
    .filter((p) => p.marketed && p.pack.units)
    .map((p) => p.pack.units!);
  if (!need || sizes.length === 0) return undefined;
  const cost = (u: number): [number, number] => [Math.ceil(need / u), Math.ceil(need / u) * u];
  return sizes.sort((a, b) => cost(a)[0] - cost(b)[0] || cost(a)[1] - cost(b)[1])[0];
}

/** CSP L.5125-23 (LFSS 2008 art. 53): a treatment of 3 months or more, renewals included, takes the large pack. */
function largePackDue(
  facts: LineFacts,
  input: ReconciliationInput,
  packs: PackFacts[],
  q: QuantityResult,
  ctx: CheckContext,
): Issue | undefined {
  const upd = facts.line.posology.unitsPerDay;
  const total = treatmentDays(facts.line);
  if (q.quarter || !upd || total === undefined || total < LARGE_PACK_TREATMENT_DAYS) return undefined;
  const perBox = daysPerBox(facts.line, ctx.unitsPerBox);
  const priorDays = ctx.prior.reduce((n, d) => n + d.boxes, 0) * (perBox ?? 0);
  if (total - priorDays < QUARTER_PACK_DAYS) return undefined;
  const cis = packs.find((p) => p.product)?.product?.speciality.cis ?? facts.speciality?.cis;
  const large = presentationsOf(cis, input)
    .filter((p) => p.marketed && p.pack.units && p.pack.units / upd >= QUARTER_PACK_DAYS)
    .sort((a, b) => a.pack.units! - b.pack.units!)[0];
  if (!large) return undefined;
  return issue('LARGE_PACK_DUE', `A ${total}-day treatment takes the large pack: ${large.label}`, {
    cip13: large.cip13,
    treatmentDays: total,
  });
}
