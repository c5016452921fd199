import type { PrescriptionLineView } from '../../prescription/prescription.view';

/** Narcotics: 28 days unless the product's CPD (its arrêté) sets less (R.5132-30). */
export const NARCOTIC_CAP_DAYS = 28;
/** One month per delivery: 30 days, or 4 weeks for packs sized in weeks (R.5132-12, R.5123-2). */
export const MONTH_CAP_DAYS = 30;
export const WEEKS_CAP_DAYS = 28;
/** Contraceptives: 12 weeks per delivery (R.5132-12, R.5123-2). */
export const CONTRACEPTIVE_CAP_DAYS = 84;
/** Three calendar months at most in one delivery of quarter packs (R.5132-12, R.5123-2). */
export const QUARTER_CAP_DAYS = 92;
/** A pack "sized for a quarter": twelve weeks or more at the prescribed posology. */
export const QUARTER_PACK_DAYS = 84;
/** A treatment of at least three months calls for the large pack (CSP L.5125-23). */
export const LARGE_PACK_TREATMENT_DAYS = 90;

/** What the specialities delivered on a line (or the prescribed one) say about delivering it. */
export interface ProductRules {
  narcotic: boolean;
  listed: boolean;
  /** Some presentation delivered (or prescribed) has a reimbursement rate (R.5123-2 applies). */
  reimbursed: boolean;
  contraceptive: boolean;
  maxPrescriptionDays?: number;
  splitDeliveryDays?: number;
}

export type CapKind = 'narcotic' | 'fraction' | 'month' | 'weeks' | 'quarter' | 'contraceptive';

/** The most one delivery of a line may cover. */
export interface DeliveryCap {
  days: number;
  kind: CapKind;
  rule: string;
  /**
   * The cap splits one prescribed delivery into fractions (« délivrance fractionnée »): the rest of the
   * period comes as complements. Otherwise the period is done once the capped delivery is made, and the
   * next delivery is a renewal (« the renewal comes earlier »).
   */
  fraction: boolean;
}

/**
 * The cap of one delivery (RULES.md § Quantities): a narcotic's CPD (R.5132-30); a CPD's « délivrance
 * fractionnée de N jours » unless the line says « délivrance en une seule fois »; otherwise, for listes I
 * and II (R.5132-12) and every reimbursed medicine (R.5123-2), a month — 4 weeks when a box lasts a whole
 * number of weeks at the posology, 30 days otherwise —, 12 weeks of a contraceptive, 3 months of quarter
 * packs. Undefined when none applies (an unlisted product that is not reimbursed).
 */
export function deliveryCap(
  rules: ProductRules,
  line: PrescriptionLineView,
  boxDays: number | undefined,
  quarter: boolean,
): DeliveryCap | undefined {
  const split = line.singleDelivery ? undefined : rules.splitDeliveryDays;
  if (rules.narcotic) {
    const days = split ?? rules.maxPrescriptionDays ?? NARCOTIC_CAP_DAYS;
    return { days, kind: split ? 'fraction' : 'narcotic', rule: 'R.5132-30', fraction: split !== undefined };
  }
  if (split) return { days: split, kind: 'fraction', rule: 'R.5132-30', fraction: true };
  if (!rules.listed && !rules.reimbursed) return undefined;
  const rule = rules.listed ? 'R.5132-12' : 'R.5123-2';
  if (rules.contraceptive)
    return { days: CONTRACEPTIVE_CAP_DAYS, kind: 'contraceptive', rule, fraction: false };
  if (quarter) return { days: QUARTER_CAP_DAYS, kind: 'quarter', rule, fraction: false };
  const weeks =
    boxDays !== undefined && Math.abs(boxDays / 7 - Math.round(boxDays / 7)) < 1e-9 && boxDays >= 7;
  return weeks
    ? { days: WEEKS_CAP_DAYS, kind: 'weeks', rule, fraction: false }
    : { days: MONTH_CAP_DAYS, kind: 'month', rule, fraction: false };
}
