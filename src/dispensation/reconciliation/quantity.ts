import type { PrescriptionLineView } from '../../prescription/prescription.view';

/** Twelve months of treatment, renewals included (CSP R.5132-21). */
export const TREATMENT_CAP_DAYS = 365;
/** A treatment of at least three months calls for the large pack (CSP L.5125-23 / R.5132-12). */
export const LARGE_PACK_TREATMENT_DAYS = 90;
/** A pack "sized for a quarter": twelve weeks or more at the prescribed posology. */
export const QUARTER_PACK_DAYS = 84;
/** Three calendar months at most in one delivery of quarter packs (CSP R.5132-12). */
export const QUARTER_CAP_DAYS = 92;

export interface QuantityInput {
  line: PrescriptionLineView;
  /** Units per box of the presentation the line names, when its label reads. */
  prescribedUnits?: number;
  /** Units per box used to express a need in units as boxes when no pack on the line says. */
  referenceUnits?: number;
  /** The packs on the line: boxes, and units per box when the label reads. */
  packs: { quantity: number; units?: number }[];
  /** Items delivered by hand on the line (no barcode). */
  manualQuantity: number;
  /** Boxes delivered on this line by earlier executions, here or elsewhere. */
  priorBoxes: number;
  /** Days still deliverable, when less than the line's duration (narcotic presented late, R.5132-33). */
  deliverableDays?: number;
}

export interface QuantityResult {
  expectedBoxes: number | null;
  dispensedBoxes: number;
  remainingBoxes: number | null;
  state: 'none' | 'partial' | 'full' | 'over';
  /** The line counts units but a pack's label gives none (PACK_UNITS_UNKNOWN). */
  unitsUnknown: boolean;
  /** Days of treatment this delivery covers, when the posology or the duration tells. */
  coveredDays?: number;
  /** Every pack covers a quarter on a treatment of three months or more: up to 3 months may go at once. */
  quarter: boolean;
}

/** Deliveries a line allows: the first plus its renewals, within twelve months of treatment (R.5132-21). */
export function deliveriesAllowed(line: PrescriptionLineView): number {
  const n = 1 + (line.renewals ?? 0);
  const d = line.durationDays;
  return d ? Math.max(1, Math.min(n, Math.floor(TREATMENT_CAP_DAYS / d))) : n;
}

/** Length of the whole treatment, renewals included (L.5125-23 counts them). */
export function treatmentDays(line: PrescriptionLineView): number | undefined {
  return line.durationDays ? line.durationDays * deliveriesAllowed(line) : undefined;
}

/** Units prescribed per delivery: `quantity.units`, or posology × duration. */
export function unitsPerDelivery(line: PrescriptionLineView): number | undefined {
  const upd = line.posology.unitsPerDay;
  return line.quantity?.units ?? (upd && line.durationDays ? upd * line.durationDays : undefined);
}

interface Measured {
  need: number;
  prior: number;
  dispensed: number;
  /** The smallest step a delivery can take back: one box, or the smallest pack's (or named pack's) units. */
  step: number;
  /** The most that may go at once when quarter packs are allowed. */
  quarterMax?: number;
}

/** Tranche arithmetic in one measure (units or boxes): due now, allowed now, and the state. */
function judge(m: Measured, deliveries: number, capFactor: number | undefined) {
  const entitlement = m.need * deliveries;
  const remaining = Math.max(0, entitlement - m.prior);
  // A complement of a partial delivery finishes its tranche; a renewal starts a new one.
  const inTranche = m.need > 0 ? m.prior % m.need : 0;
  let due = Math.min(m.need - inTranche, remaining);
  if (capFactor !== undefined) due = Math.min(due, Math.ceil(m.need * capFactor));
  const allowed = m.quarterMax !== undefined ? Math.max(due, Math.min(remaining, m.quarterMax)) : due;
  // Packs are whole: rounding up to the next box is not "over"; a whole box too many is.
  const state: QuantityResult['state'] =
    m.dispensed === 0
      ? 'none'
      : m.dispensed < due
        ? 'partial'
        : m.dispensed > allowed && m.dispensed - m.step >= allowed
          ? 'over'
          : 'full';
  return { due, state };
}

/**
 * Expected, dispensed and remaining boxes of one line for this delivery. Quantities are compared in units
 * when the line gives them (units, posology × duration, or boxes of a named presentation) and every pack's
 * label reads; otherwise in boxes. Executions record boxes only, so earlier deliveries are converted with
 * the prescribed (or reference) pack size.
 */
export function reconcileQuantity(q: QuantityInput): QuantityResult {
  const { line } = q;
  const upd = line.posology.unitsPerDay;
  const dur = line.durationDays;
  const boxes = line.quantity?.boxes;
  const units = unitsPerDelivery(line);
  const dispensedBoxes = q.packs.reduce((n, p) => n + p.quantity, 0) + q.manualQuantity;
  const packUnits = q.packs.map((p) => p.units ?? 0);
  const allUnitsKnown = packUnits.every((u) => u > 0);
  const uniform = packUnits.length > 0 && packUnits.every((u) => u === packUnits[0]) ? packUnits[0] : 0;
  const needUnits = boxes !== undefined ? (q.prescribedUnits ? boxes * q.prescribedUnits : undefined) : units;
  const unitsUnknown = boxes === undefined && units !== undefined && !allUnitsKnown;
  const boxUnits = uniform || q.prescribedUnits || q.referenceUnits || Math.max(...packUnits);
  const priorUnitsPerBox = q.prescribedUnits ?? q.referenceUnits ?? (uniform || undefined);
  const capFactor =
    q.deliverableDays !== undefined && dur && q.deliverableDays < dur
      ? Math.max(0, q.deliverableDays) / dur
      : undefined;
  const total = treatmentDays(line);
  const quarter =
    total !== undefined &&
    total >= LARGE_PACK_TREATMENT_DAYS &&
    !!upd &&
    q.packs.length > 0 &&
    allUnitsKnown &&
    packUnits.every((u) => u / upd >= QUARTER_PACK_DAYS);
  const deliveries = deliveriesAllowed(line);

  const inUnits =
    needUnits !== undefined &&
    allUnitsKnown &&
    q.manualQuantity === 0 &&
    boxUnits > 0 &&
    Number.isFinite(boxUnits) &&
    (q.priorBoxes === 0 || priorUnitsPerBox !== undefined);
  if (inUnits) {
    const dispensed = q.packs.reduce((n, p) => n + p.quantity * (p.units ?? 0), 0);
    const { due, state } = judge(
      {
        need: needUnits,
        prior: q.priorBoxes * (priorUnitsPerBox ?? 0),
        dispensed,
        // A box bigger than the one named is not rounding up: its excess counts against the named size.
        step: Math.min(q.packs.length ? Math.min(...packUnits) : 1, q.prescribedUnits ?? Infinity),
        quarterMax: quarter ? upd * QUARTER_CAP_DAYS : undefined,
      },
      deliveries,
      capFactor,
    );
    const expectedBoxes = Math.ceil(due / boxUnits);
    return {
      expectedBoxes,
      dispensedBoxes,
      remainingBoxes: remainingOf(state, expectedBoxes, Math.ceil((due - dispensed) / boxUnits)),
      state,
      unitsUnknown,
      coveredDays: upd ? dispensed / upd : dur ? (dispensed / needUnits) * dur : undefined,
      quarter,
    };
  }

  const needBoxes =
    boxes ?? (units !== undefined && q.referenceUnits ? Math.ceil(units / q.referenceUnits) : undefined);
  if (needBoxes === undefined || needBoxes <= 0) {
    return {
      expectedBoxes: null,
      dispensedBoxes,
      remainingBoxes: null,
      state: dispensedBoxes > 0 ? 'full' : 'none',
      unitsUnknown,
      quarter,
    };
  }
  const { due, state } = judge(
    { need: needBoxes, prior: q.priorBoxes, dispensed: dispensedBoxes, step: 1 },
    deliveries,
    capFactor,
  );
  return {
    expectedBoxes: due,
    dispensedBoxes,
    remainingBoxes: remainingOf(state, due, due - dispensedBoxes),
    state,
    unitsUnknown,
    coveredDays: dur ? (dispensedBoxes / needBoxes) * dur : undefined,
    quarter,
  };
}

function remainingOf(state: QuantityResult['state'], expected: number, left: number): number {
  if (state === 'none') return expected;
  return state === 'partial' ? Math.max(0, left) : 0;
}
