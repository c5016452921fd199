import type { PrescriptionLineView } from '../../prescription/prescription.view';
import {
  DeliveryCap,
  deliveryCap,
  LARGE_PACK_TREATMENT_DAYS,
  MONTH_CAP_DAYS,
  ProductRules,
  QUARTER_CAP_DAYS,
  QUARTER_PACK_DAYS,
} from './delivery-cap';
import { deliveriesAllowed, treatmentDays, unitsPerDelivery } from './treatment';

const EPS = 1e-9;

export interface QuantityInput {
  line: PrescriptionLineView;
  /** Units per box of the presentation the line names, when its label reads. */
  prescribedUnits?: number;
  /** Units per box used to express a need in units as boxes when no pack on the line says. */
  referenceUnits?: number;
  /** Units of the smallest marketed box of the product: when even it is over the cap, one box is allowed. */
  smallestUnits?: number;
  /** The packs on the line: boxes, units per box when the label reads, units handed over from a cut box. */
  packs: { quantity: number; units?: number; cutUnits?: number }[];
  /** Items delivered by hand on the line (no barcode). */
  manualQuantity: number;
  /** Boxes delivered on this line by earlier executions, here or elsewhere. */
  priorBoxes: number;
  /** What the product's CPD, list and reimbursement say; none: no cap (a line judged on quantity only). */
  rules?: ProductRules;
  /** Days still deliverable, when less than the line's duration (narcotic presented late, R.5132-33). */
  deliverableDays?: number;
  /** Deliveries the line allows: 1 for a narcotic (not renewable); default the first plus its renewals. */
  maxDeliveries?: number;
  /** « prescription limitée à N jours »: days the whole prescription may still cover. */
  limitDaysLeft?: number;
  /** R.5123-2-1 accepted on the line: this delivery opens that many days beyond the prescribed ones. */
  exceptionalDays?: number;
}

/** What is exceeded: the prescription (over), a renewal of a narcotic, the cap, a CPD limit, a late narcotic's days. */
export type Exceeded = 'prescription' | 'renewal' | 'cap' | 'limit' | 'late';

export interface QuantityResult {
  expectedBoxes: number | null;
  dispensedBoxes: number;
  remainingBoxes: number | null;
  /** `over`: more than the prescription allows now (the other excesses leave it `full` and raise their issue). */
  state: 'none' | 'partial' | 'full' | 'over';
  /** What this delivery exceeds: the prescription (or a narcotic's renewal), and one delivery's limit. */
  exceeded: Exceeded[];
  /** The prescribed delivery is longer than one delivery may be: the rest of the period comes as fractions. */
  fractions: boolean;
  /** The line counts units but a pack's label gives none (PACK_UNITS_UNKNOWN). */
  unitsUnknown: boolean;
  /** Days of treatment this delivery covers, when the posology or the duration tells. */
  coveredDays?: number;
  /** Every pack covers a quarter on a treatment of three months or more: up to 3 months may go at once. */
  quarter: boolean;
  cap?: DeliveryCap;
  /** Even the smallest box lasts longer than the cap: one box is deliverable (DELIVERY_ROUNDED_UP). */
  roundedUp: boolean;
  /** Units of a late narcotic still deliverable (R.5132-33), for the warning. */
  deliverableUnits?: number;
  /** 0 for the first period, n for the n-th renewal; a complement keeps the number it completes. */
  renewalNumber: number;
  complement: boolean;
  exceptional: boolean;
}

/** What is counted and how: units when the line and every box tell them, boxes otherwise. */
interface Measure {
  need: number;
  /** Size of the boxes this delivery is counted in, and of those earlier deliveries were counted in. */
  box: number;
  refBox: number;
  /** Units (or boxes) a day, when the posology or the duration tells. */
  perDay?: number;
  dispensed: number;
  /** The smallest step a delivery can take back: one box, or a box no bigger than the one named. */
  step: number;
  /** Units of a box (for the cap's "one box of the smallest size"), in the measure. */
  smallest?: number;
}

function measure(q: QuantityInput): Measure | undefined {
  const { line } = q;
  const upd = line.posology.unitsPerDay;
  const boxes = line.quantity?.boxes;
  const units = unitsPerDelivery(line);
  const packUnits = q.packs.map((p) => p.units ?? 0);
  const allUnitsKnown = packUnits.every((u) => u > 0);
  const uniform = packUnits.length > 0 && packUnits.every((u) => u === packUnits[0]) ? packUnits[0] : 0;
  const needUnits = boxes !== undefined ? (q.prescribedUnits ? boxes * q.prescribedUnits : undefined) : units;
  const boxUnits = uniform || q.prescribedUnits || q.referenceUnits || Math.max(0, ...packUnits);
  const priorUnitsPerBox = q.prescribedUnits ?? q.referenceUnits ?? (uniform || undefined);
  const inUnits =
    needUnits !== undefined &&
    allUnitsKnown &&
    q.manualQuantity === 0 &&
    boxUnits > 0 &&
    (q.priorBoxes === 0 || priorUnitsPerBox !== undefined);
  if (inUnits) {
    return {
      need: needUnits,
      box: boxUnits,
      refBox: priorUnitsPerBox ?? boxUnits,
      perDay: upd ?? (line.durationDays ? needUnits / line.durationDays : undefined),
      dispensed: q.packs.reduce((n, p) => n + (p.cutUnits ?? p.quantity * (p.units ?? 0)), 0),
      step: Math.min(
        q.packs.length ? Math.min(...packUnits) : Infinity,
        q.prescribedUnits ?? Infinity,
        boxUnits,
      ),
      smallest: q.smallestUnits,
    };
  }
  const needBoxes =
    boxes ?? (units !== undefined && q.referenceUnits ? Math.ceil(units / q.referenceUnits) : undefined);
  if (needBoxes === undefined || needBoxes <= 0) return undefined;
  const sized = uniform || q.prescribedUnits || q.referenceUnits;
  const perDay = upd && sized ? upd / sized : line.durationDays ? needBoxes / line.durationDays : undefined;
  return {
    need: needBoxes,
    box: 1,
    refBox: 1,
    perDay,
    dispensed: q.packs.reduce((n, p) => n + p.quantity, 0) + q.manualQuantity,
    step: 1,
    smallest: sized && q.smallestUnits ? q.smallestUnits / sized : undefined,
  };
}

/**
 * Expected, dispensed and remaining boxes of one line for this delivery (RULES.md § Quantities).
 *
 * A line is delivered in periods: the first delivery, then one per renewal. A period holds the prescribed
 * quantity, but never more than the cap of one delivery: `expectedBoxes` is the largest number of whole
 * boxes inside the cap and no more than the days prescribed need (one box when even the smallest one lasts
 * longer than the cap). Under a month cap the period is done once that delivery is made (the renewal comes
 * earlier); under a split delivery (« délivrance fractionnée ») the rest of the period comes as fractions.
 * Earlier deliveries are replayed to tell whether this one completes a period (a complement, same renewal
 * number) or starts the next. Executions record boxes only: they are counted in the named (or reference)
 * pack size.
 */
export function reconcileQuantity(q: QuantityInput): QuantityResult {
  const { line } = q;
  const dispensedBoxes = q.packs.reduce((n, p) => n + p.quantity, 0) + q.manualQuantity;
  const upd = line.posology.unitsPerDay;
  const packUnits = q.packs.map((p) => p.units ?? 0);
  const allUnitsKnown = packUnits.every((u) => u > 0);
  const unitsUnknown =
    line.quantity?.boxes === undefined && unitsPerDelivery(line) !== undefined && !allUnitsKnown;
  const total = treatmentDays(line);
  const quarter =
    total !== undefined &&
    total >= LARGE_PACK_TREATMENT_DAYS &&
    !!upd &&
    q.packs.length > 0 &&
    allUnitsKnown &&
    packUnits.every((u) => u / upd >= QUARTER_PACK_DAYS);
  const m = measure(q);
  const base = {
    dispensedBoxes,
    unitsUnknown,
    quarter,
    roundedUp: false,
    complement: false,
    exceptional: false,
    exceeded: [] as Exceeded[],
    fractions: false,
  };
  if (!m) {
    return {
      ...base,
      expectedBoxes: null,
      remainingBoxes: null,
      state: dispensedBoxes > 0 ? 'full' : 'none',
      renewalNumber: 0,
    };
  }
  const boxDays = m.perDay ? m.box / m.perDay : undefined;
  const cap = q.rules ? deliveryCap(q.rules, line, boxDays, quarter) : undefined;
  const capU = cap && m.perDay ? cap.days * m.perDay : undefined;
  const boxesFor = (u: number, size: number) => Math.ceil(u / size - EPS);
  const capBoxes = (size: number) => (capU === undefined ? Infinity : Math.floor(capU / size + EPS));
  const deliveryBoxes = (u: number, size: number) => Math.min(boxesFor(u, size), Math.max(1, capBoxes(size)));

  // A prescribed delivery longer than one delivery may be (a split delivery, or two months under a month's
  // cap) is delivered in fractions; one the whole boxes cannot fill exactly is done with what fits (4 weeks
  // for 30 days: the renewal comes earlier).
  const needDays = m.perDay ? m.need / m.perDay : undefined;
  const fractions =
    cap !== undefined &&
    (cap.fraction ||
      (needDays !== undefined && needDays > (cap.kind === 'weeks' ? MONTH_CAP_DAYS : cap.days) + EPS));
  // Earlier deliveries, replayed period by period in the reference box size.
  const maxDeliveries = q.maxDeliveries ?? deliveriesAllowed(line);
  const periodU = (fractions ? boxesFor(m.need, m.refBox) : deliveryBoxes(m.need, m.refBox)) * m.refBox;
  const priorU = q.priorBoxes * m.refBox;
  const periods = periodU > 0 ? Math.floor(priorU / periodU + EPS) : 0;
  const acc = priorU - periods * periodU > EPS ? priorU - periods * periodU : 0;

  let dueBoxes: number;
  let allowedU: number;
  let periodLeftU: number;
  let complement = false;
  let nothingDue: Exceeded | undefined;
  const exceptional = q.exceptionalDays !== undefined && q.exceptionalDays > 0;
  if (exceptional) {
    // R.5123-2-1: one month at a time, the most economical whole boxes.
    const need = m.perDay ? q.exceptionalDays! * m.perDay : m.need;
    dueBoxes = deliveryBoxes(need, m.box);
    allowedU = need;
    periodLeftU = need;
  } else if (periods >= maxDeliveries) {
    dueBoxes = 0;
    allowedU = 0;
    periodLeftU = 0;
    nothingDue = maxDeliveries < deliveriesAllowed(line) ? 'renewal' : 'prescription';
  } else if (acc > 0) {
    complement = true;
    periodLeftU = periodU - acc;
    dueBoxes = deliveryBoxes(periodLeftU, m.box);
    allowedU = periodLeftU;
  } else {
    periodLeftU = fractions ? m.need : Math.min(m.need, periodU);
    dueBoxes = deliveryBoxes(m.need, m.box);
    allowedU = m.need;
  }
  if (quarter && !exceptional && nothingDue === undefined) {
    // Quarter packs may cover up to 3 months of what is left of the treatment at once (R.5132-12).
    const entitlement = Math.max(0, maxDeliveries * periodU - priorU);
    allowedU = Math.max(allowedU, Math.min(entitlement, QUARTER_CAP_DAYS * upd!));
  }
  const lateU =
    q.deliverableDays !== undefined && m.perDay ? Math.max(0, q.deliverableDays) * m.perDay : undefined;
  const limitU =
    q.limitDaysLeft !== undefined && m.perDay ? Math.max(0, q.limitDaysLeft) * m.perDay : undefined;
  for (const ceiling of [lateU, limitU]) {
    if (ceiling !== undefined) dueBoxes = Math.min(dueBoxes, Math.floor(ceiling / m.box + EPS));
  }
  const roundedUp = capU !== undefined && m.smallest !== undefined && m.smallest > capU + EPS;
  const capAllowedU = capU === undefined ? undefined : roundedUp ? Math.max(capU, m.smallest!) : capU;

  const target = Math.min(dueBoxes * m.box, allowedU, lateU ?? Infinity, limitU ?? Infinity);
  const d = m.dispensed;
  let state: QuantityResult['state'] = d === 0 ? 'none' : d < target - EPS ? 'partial' : 'full';
  const exceeded: Exceeded[] = [];
  if (d > 0 && nothingDue) exceeded.push(nothingDue);
  else if (d > allowedU + EPS && d - m.step >= allowedU - EPS) exceeded.push('prescription');
  if (exceeded.length) state = 'over';
  // One delivery's limit: a late narcotic's days, else the cap; the whole prescription's CPD limit when neither.
  if (lateU !== undefined && d > lateU + EPS) exceeded.push('late');
  else if (capAllowedU !== undefined && d > capAllowedU + EPS) exceeded.push('cap');
  else if (limitU !== undefined && d > limitU + EPS) exceeded.push('limit');

  let remainingBoxes = 0;
  if (state === 'none') remainingBoxes = dueBoxes;
  else if (state === 'partial') remainingBoxes = Math.max(0, boxesFor(target - d, m.box));
  else if (fractions && !exceeded.length) remainingBoxes = Math.max(0, boxesFor(periodLeftU - d, m.box));
  // Assigned one by one, not spread: this runs for every line of every change.
  const result: QuantityResult = base as QuantityResult;
  result.expectedBoxes = dueBoxes;
  result.remainingBoxes = remainingBoxes;
  result.state = state;
  result.exceeded = exceeded;
  result.fractions = fractions;
  result.roundedUp = roundedUp && d > capU! + EPS;
  result.renewalNumber = periods;
  result.complement = complement;
  result.exceptional = exceptional;
  if (m.perDay) result.coveredDays = d / m.perDay;
  if (cap) result.cap = cap;
  if (lateU !== undefined) result.deliverableUnits = lateU;
  return result;
}
