import type { Presentation, Speciality } from '../../medicines/medicines.types';
import { evaluateConditional } from '../acts/conditional.rules';
import { issue, Issue, relabel } from '../issue';
import { LARGE_PACK_TREATMENT_DAYS, QUARTER_PACK_DAYS } from './delivery-cap';
import { duplicateSerials, notInReferential, packIssues } from './pack-checks';
import {
  CheckContext,
  excessIssues,
  hospitalOnly,
  isLifecycleIssue,
  lateIssue,
  lifecycleIssue,
  limitDaysLeft,
  listChecks,
  narcoticTiming,
  overlapChecks,
  productRules,
  specialistChecks,
  treatmentExpiry,
} from './prescription-checks';
import { fitOf, fitRank, productIssues } from './product-fit';
import { QuantityResult, reconcileQuantity } from './quantity';
import type {
  LineFacts,
  LineReconciliation,
  OverrideFacts,
  PackFacts,
  ReconciliationInput,
  ReconciliationResult,
} from './reconciliation.types';
import { statusOf } from './status';
import { daysPerBox, priorDeliveries, treatmentDays, unitsPerDelivery } from './treatment';

/** Issues an accepted exceptional supplementary dispensation lifts on its line (R.5123-2-1, RULES.md). */
const LIFTED_BY_EXCEPTIONAL = new Set(['PRESCRIPTION_EXPIRED', 'PRESCRIPTION_FULLY_EXECUTED']);

/**
 * The one reconciliation of a dispensation (RULES.md, docs/reconciliation.md): what is on it (packs,
 * manual deliveries, acts, overrides) against its prescription, on the pharmacy's calendar day. Per line
 * the status, the boxes expected, dispensed and remaining, whether a generic replaced the product, the
 * issues (overrides marked) and which delivery this is; on the dispensation, the issues of packs that fit
 * no line and those found outside the rules. Pure: every fact comes in `input`.
 */
export function reconcile(input: ReconciliationInput): ReconciliationResult {
  const lineIds = new Set(input.lines.map((f) => f.line.lineId));
  const duplicates = duplicateSerials(input.packs);
  const own: Issue[] = (input.dispensationIssues ?? []).map(relabel);
  for (const pack of input.packs) {
    if (pack.lineId !== undefined && lineIds.has(pack.lineId)) continue;
    own.push(...unassignedIssues(pack), ...packIssues(pack, input.dispensingDate, duplicates));
  }
  const lines: Record<string, LineReconciliation> = {};
  const anyExceptional = Object.values(input.acts ?? {}).some((a) => a.exceptionalDays !== undefined);
  for (const facts of input.lines)
    lines[facts.line.lineId] = reconcileLine(facts, input, duplicates, anyExceptional);
  // The execution's renewal number: the highest period a line delivers on now (RULES.md § Other acts).
  const delivering = Object.values(lines).filter((r) => r.dispensedBoxes > 0);
  const pool = delivering.length ? delivering : Object.values(lines);
  const renewalNumber = Math.max(0, ...pool.map((r) => r.delivery?.renewalNumber ?? 0));
  return { lines, issues: applyOverrides(own, null, input.overrides ?? []), renewalNumber };
}

/**
 * The line a new pack goes to when none is given: the best fit (exact product or device code, then an
 * allowed generic, then the DC, then a forbidden substitution), a line still waiting for boxes first,
 * then prescription order. Undefined when no line fits. `input` is the dispensation as it is (without the
 * pack): only the fitting lines are reconciled, to tell which still wait.
 */
export function chooseLine(pack: PackFacts, input: ReconciliationInput): string | undefined {
  let best: { lineId: string; rank: number; waiting: boolean } | undefined;
  const duplicates = new Set<string>();
  for (const facts of input.lines) {
    const rank = fitRank(fitOf(pack, facts), facts);
    if (rank === 0 || (best && rank < best.rank) || (best?.waiting && rank === best.rank)) continue;
    const r = reconcileLine(facts, input, duplicates);
    const waiting = r.remainingBoxes === null ? r.dispensedBoxes === 0 : r.remainingBoxes > 0;
    if (!best || rank > best.rank || (waiting && !best.waiting))
      best = { lineId: facts.line.lineId, rank, waiting };
  }
  return best?.lineId;
}

/** A pack on no line: a medicine is a mismatch, an unknown CIP13 needs a line, anything else is sold apart. */
function unassignedIssues(pack: PackFacts): Issue[] {
  if (pack.product) {
    return [
      issue('PRODUCT_MISMATCH', {
        product: pack.product.speciality.name,
        onNoLine: true,
        packId: pack.packId,
      }),
    ];
  }
  if (pack.cip13) return [notInReferential(pack, false)];
  return [issue('OUT_OF_ON_SCOPE', { code: pack.code, packId: pack.packId })];
}

function reconcileLine(
  facts: LineFacts,
  input: ReconciliationInput,
  duplicates: Set<string>,
  anyExceptional = false,
): LineReconciliation {
  const { line } = facts;
  const acts = input.acts?.[line.lineId] ?? {};
  const packs = input.packs.filter((p) => p.lineId === line.lineId);
  const manualQuantity = input.manualDeliveries
    .filter((m) => m.lineId === line.lineId)
    .reduce((n, m) => n + m.quantity, 0);
  const something = packs.length > 0 || manualQuantity > 0;
  const medication = line.kind === 'medication';
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
    if (pack.cip13 && !pack.product && medication) issues.push(notInReferential(pack, true));
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
  const late = medication ? narcoticTiming(ctx) : undefined;
  const limit = medication ? limitDaysLeft(ctx) : undefined;
  const rules = medication ? productRules(specialities, reimbursed(counted, facts, input)) : undefined;
  const cis = counted.find((p) => p.product)?.product?.speciality.cis ?? facts.speciality?.cis;
  const sizes = marketedSizes(cis, input);
  const q = reconcileQuantity({
    line,
    prescribedUnits: facts.presentation?.pack.units,
    referenceUnits: referenceUnits(facts, input),
    smallestUnits: sizes.length ? Math.min(...sizes.map((p) => p.pack.units!)) : undefined,
    packs: counted.map((p) => ({
      quantity: p.quantity,
      units: p.product?.presentation.pack.units,
      ...(p.units !== undefined ? { cutUnits: p.units } : {}),
    })),
    manualQuantity,
    priorBoxes: prior.reduce((n, d) => n + d.boxes, 0),
    rules,
    deliverableDays: late?.deliverableDays,
    maxDeliveries: rules?.narcotic ? 1 : undefined,
    limitDaysLeft: limit?.left,
    exceptionalDays: acts.exceptionalDays,
  });
  if (something) {
    if (late) issues.push(lateIssue(late, q.deliverableUnits));
    if (medication) issues.push(...listChecks(ctx, q));
    if (!q.exceptional) issues.push(...treatmentExpiry(ctx));
    issues.push(...excessIssues(q, ctx, limit, late), ...quantityIssues(q, counted));
    if (medication) {
      issues.push(
        ...hospitalOnly(ctx),
        ...specialistChecks(ctx),
        ...overlapChecks(ctx, input.otherPrescriptions),
      );
      const smaller = smallerPackDue(q, counted, sizes, line.posology.unitsPerDay);
      if (smaller) issues.push(smaller);
      const large = largePackDue(facts, counted, q, ctx, sizes);
      if (large) issues.push(large);
    }
  }
  issues.push(...priceIssues(packs, input.manualDeliveries, line));
  if (input.transcribed && medication && something && !acts.securePaperConfirmed) {
    // R.5132-5 (décret 2023-1222): an ON meets the requirement; its paper transcription must be secure paper.
    const secure = specialities.filter((s) => s.conditions.securePrescription);
    for (const s of secure)
      issues.push(issue('SECURE_PRESCRIPTION_REQUIRED', { product: s.name, rule: 'R.5132-5' }));
  }
  if (line.conditional && !(acts.nonDelivery && !something)) {
    const decision = evaluateConditional({
      line,
      prescriptionDate: input.prescription.createdAt.slice(0, 10),
      today: input.dispensingDate,
      result: acts.conditional,
      // The salt when the BDPM gives one: the texts name « fosfomycine trométamol », « céfuroxime axétil ».
      substances: specialitiesOf(counted).flatMap((s) => s.substances.map((x) => x.salt?.name ?? x.name)),
      timeZone: input.timeZone,
    });
    issues.push(...decision.issues);
  }
  // The teleservice's verdict on the whole prescription, shown on every line from the scan on (API.md §
  // Prescriptions); it replaces Comptoir's own expiry checks. A line delivering nothing is free of it once
  // another line carries the exceptional dispensation that lets the rest be validated (RULES.md).
  const lifecycle = lifecycleIssue(input.prescription, line);
  if (lifecycle && (something || !anyExceptional)) {
    const replaced = issues.filter((i) => i.code !== lifecycle.code);
    issues.length = 0;
    issues.push(lifecycle, ...replaced);
  }
  const kept = q.exceptional ? issues.filter((i) => !LIFTED_BY_EXCEPTIONAL.has(i.code)) : issues;
  const marked = applyOverrides(kept, line.lineId, input.overrides ?? []);
  return {
    status: statusOf({
      something,
      notDelivered: acts.nonDelivery === true,
      issues: marked,
      state: q.state,
      substitution,
    }),
    expectedBoxes: q.expectedBoxes,
    dispensedBoxes: q.dispensedBoxes,
    remainingBoxes: q.remainingBoxes,
    substitution,
    issues: marked,
    delivery: {
      renewalNumber: q.renewalNumber,
      complement: q.complement,
      ...(q.exceptional ? { exceptional: true } : {}),
    },
  };
}

/** Marks the blocking issues a pharmacien overrode (`lineId` null: the dispensation's own issues). */
export function applyOverrides(issues: Issue[], lineId: string | null, given: OverrideFacts[]): Issue[] {
  return issues.map((i) => {
    const o = given.filter((g) => g.lineId === lineId && g.code === i.code).pop();
    if (!o || i.severity !== 'blocking' || isLifecycleIssue(i)) return i;
    const overridden: NonNullable<Issue['overridden']> = { by: o.by, reason: o.reason, at: o.at };
    if (o.interventionId) overridden.interventionId = o.interventionId;
    return { ...i, overridden };
  });
}

/** What the execution cannot carry without: a box or manual delivery on the line with no price or rate. */
function priceIssues(
  packs: PackFacts[],
  manual: ReconciliationInput['manualDeliveries'],
  line: LineFacts['line'],
): Issue[] {
  const out: Issue[] = [];
  for (const p of packs.filter((x) => x.priced === false)) {
    const product = p.product?.presentation.label ?? p.cip13 ?? p.code ?? '?';
    out.push(issue('PRICE_UNKNOWN', { product, packId: p.packId }));
  }
  for (const m of manual.filter((x) => x.lineId === line.lineId && x.priced === false)) {
    const product = line.product.label ?? line.product.code ?? line.product.lpp ?? '?';
    out.push(issue('PRICE_UNKNOWN', { product, packId: m.deliveryId }));
  }
  return out;
}

function quantityIssues(q: QuantityResult, packs: PackFacts[]): Issue[] {
  const out: Issue[] = [];
  if (q.unitsUnknown) {
    for (const p of packs.filter((p) => !p.product?.presentation.pack.units)) {
      const product = p.product?.presentation.label ?? p.cip13 ?? '?';
      out.push(issue('PACK_UNITS_UNKNOWN', { product, packId: p.packId }));
    }
  }
  if (q.state === 'partial') {
    out.push(
      issue('PARTIAL_DELIVERY', {
        remainingBoxes: q.remainingBoxes ?? 0,
        expectedBoxes: q.expectedBoxes ?? 0,
        dispensedBoxes: q.dispensedBoxes,
      }),
    );
  }
  if (q.roundedUp && q.cap && !q.exceeded.length) {
    const coveredDays = Math.round((q.coveredDays ?? 0) * 10) / 10;
    out.push(issue('DELIVERY_ROUNDED_UP', { coveredDays, capDays: q.cap.days, rule: q.cap.rule }));
  }
  return out;
}

function specialitiesOf(packs: PackFacts[]): Speciality[] {
  const byCis = new Map<string, Speciality>();
  for (const p of packs) if (p.product) byCis.set(p.product.speciality.cis, p.product.speciality);
  return [...byCis.values()];
}

function deliveredSpecialities(packs: PackFacts[], facts: LineFacts): Speciality[] {
  const delivered = specialitiesOf(packs);
  if (delivered.length) return delivered;
  return facts.speciality ? [facts.speciality] : [];
}

function presentationsOf(cis: string | undefined, input: ReconciliationInput): Presentation[] {
  return (cis && input.presentations[cis]) || [];
}

/** Marketed presentations of a CIS whose content reads in units. */
function marketedSizes(cis: string | undefined, input: ReconciliationInput): Presentation[] {
  return presentationsOf(cis, input).filter((p) => p.marketed && p.pack.units);
}

/** R.5123-2 applies to a reimbursed medicine: a box delivered, or the prescribed one, has a rate. */
function reimbursed(packs: PackFacts[], facts: LineFacts, input: ReconciliationInput): boolean {
  const rated = (p?: Presentation) => (p?.reimbursementRates.length ?? 0) > 0;
  const delivered = packs.filter((p) => p.product);
  if (delivered.length) return delivered.some((p) => rated(p.product!.presentation));
  if (facts.presentation) return rated(facts.presentation);
  return presentationsOf(facts.speciality?.cis, input).some(rated);
}

/** The pack size a need in units is counted in when the line names no presentation: the fewest boxes, then the least waste. */
function referenceUnits(facts: LineFacts, input: ReconciliationInput): number | undefined {
  if (facts.presentation?.pack.units) return facts.presentation.pack.units;
  const need = unitsPerDelivery(facts.line);
  const sizes = marketedSizes(facts.speciality?.cis, input).map((p) => p.pack.units!);
  if (!need || sizes.length === 0) return undefined;
  const cost = (u: number): [number, number] => [Math.ceil(need / u), Math.ceil(need / u) * u];
  return sizes.sort((a, b) => cost(a)[0] - cost(b)[0] || cost(a)[1] - cost(b)[1])[0];
}

/**
 * A box scanned that lasts longer than the cap while a smaller pack of the same product fits inside it:
 * the line names that pack (RULES.md § Quantities).
 */
function smallerPackDue(
  q: QuantityResult,
  packs: PackFacts[],
  sizes: Presentation[],
  unitsPerDay: number | undefined,
): Issue | undefined {
  if (!q.cap || !unitsPerDay) return undefined;
  const capUnits = q.cap.days * unitsPerDay;
  const tooBig = packs.find((p) => (p.product?.presentation.pack.units ?? 0) > capUnits + 1e-9);
  if (!tooBig) return undefined;
  const fits = sizes
    .filter((p) => p.cis === tooBig.product!.speciality.cis && p.pack.units! <= capUnits + 1e-9)
    .sort((a, b) => b.pack.units! - a.pack.units!)[0];
  return fits
    ? issue('SMALLER_PACK_DUE', { cip13: fits.cip13, label: fits.label, packId: tooBig.packId })
    : undefined;
}

/** CSP L.5125-23 (LFSS 2008 art. 53): a treatment of 3 months or more, renewals included, takes the large pack. */
function largePackDue(
  facts: LineFacts,
  packs: PackFacts[],
  q: QuantityResult,
  ctx: CheckContext,
  sizes: Presentation[],
): Issue | undefined {
  const upd = facts.line.posology.unitsPerDay;
  const total = treatmentDays(facts.line);
  if (q.quarter || q.exceptional || !upd || total === undefined || total < LARGE_PACK_TREATMENT_DAYS)
    return undefined;
  const perBox = daysPerBox(facts.line, ctx.unitsPerBox);
  const priorDays = ctx.prior.reduce((n, d) => n + d.boxes, 0) * (perBox ?? 0);
  if (total - priorDays < QUARTER_PACK_DAYS) return undefined;
  const large = sizes
    .filter((p) => p.pack.units! / upd >= QUARTER_PACK_DAYS)
    .sort((a, b) => a.pack.units! - b.pack.units!)[0];
  if (!large || packs.some((p) => p.cip13 === large.cip13)) return undefined;
  return issue('LARGE_PACK_DUE', { cip13: large.cip13, label: large.label, treatmentDays: total });
}
