import type { Speciality } from '../../medicines/medicines.types';
import type { PrescriptionLineView, PrescriptionView } from '../../prescription/prescription.view';
import { issue, Issue } from '../issue';
import { addDays, addMonths, daysBetween } from './dates';
import { QUARTER_CAP_DAYS, unitsPerDelivery } from './quantity';

/** Days a narcotic prescription (or the end of the previous fraction) may wait, the day itself not counted. */
export const NARCOTIC_PRESENTATION_DAYS = 3;
/** One delivery of a liste I/II product: 4 weeks or 30 days depending on the pack (R.5132-12). */
export const MONTH_CAP_DAYS = 30;
/** Contraceptives: 12 weeks per delivery (R.5132-12). */
export const CONTRACEPTIVE_CAP_DAYS = 84;
/** Narcotics: 28 days unless an arrêté sets less (R.5132-30). */
export const NARCOTIC_CAP_DAYS = 28;

export interface Delivery {
  date: string;
  boxes: number;
}

export interface CheckContext {
  prescription: PrescriptionView;
  line: PrescriptionLineView;
  dispensingDate: string;
  /** What is delivered on the line (or, when nothing resolves, what is prescribed). */
  specialities: Speciality[];
  /** Earlier deliveries of the line, oldest first. */
  prior: Delivery[];
  /** Units per box of the pack the line is counted in (the prescribed one, else the delivered one). */
  unitsPerBox?: number;
}

/** Earlier deliveries of a line: executions not cancelled, by any pharmacy, oldest first. */
export function priorDeliveries(p: PrescriptionView, lineId: string): Delivery[] {
  return p.executions
    .filter((e) => e.kind === 'execution' && !e.cancelled)
    .map((e) => ({
      date: e.date.slice(0, 10),
      boxes: e.lines.filter((l) => l.lineId === lineId).reduce((n, l) => n + l.quantity, 0),
    }))
    .filter((d) => d.boxes > 0)
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Days of treatment one box covers on a line, when the posology or the duration tells. */
export function daysPerBox(line: PrescriptionLineView, unitsPerBox?: number): number | undefined {
  const upd = line.posology.unitsPerDay;
  if (upd && unitsPerBox) return unitsPerBox / upd;
  if (line.quantity?.boxes && line.durationDays) return line.durationDays / line.quantity.boxes;
  const units = unitsPerDelivery(line);
  return units && unitsPerBox && line.durationDays ? (unitsPerBox * line.durationDays) / units : undefined;
}

/** The day what was delivered runs out: each delivery starts when made or when the previous one ends. */
export function coveredUntil(deliveries: Delivery[], perBox: number): string | undefined {
  let end: string | undefined;
  for (const d of deliveries) {
    const start = end && end > d.date ? end : d.date;
    end = addDays(start, Math.floor(d.boxes * perBox));
  }
  return end;
}

const prescribedOn = (p: PrescriptionView): string => p.createdAt.slice(0, 10);

/**
 * Narcotics (CSP R.5132-33): delivered in full only if presented within the 3 days following the
 * prescription date, or the end of the previous fraction, the day itself not counted; later, only the
 * duration still to run is deliverable.
 */
export function narcoticTiming(ctx: CheckContext): { issues: Issue[]; deliverableDays?: number } {
  if (!ctx.specialities.some((s) => s.conditions.narcotic)) return { issues: [] };
  const created = prescribedOn(ctx.prescription);
  const perBox = daysPerBox(ctx.line, ctx.unitsPerBox);
  const last = ctx.prior.at(-1)?.date;
  const previousEnd = ctx.prior.length ? (perBox ? coveredUntil(ctx.prior, perBox) : last) : undefined;
  const deadline = addDays(previousEnd ?? created, NARCOTIC_PRESENTATION_DAYS);
  if (ctx.dispensingDate <= deadline) return { issues: [] };
  const duration = ctx.line.durationDays;
  const deliverableDays =
    duration === undefined ? undefined : Math.max(0, duration - daysBetween(created, ctx.dispensingDate));
  const rest =
    deliverableDays === undefined ? '' : `: only the remaining ${deliverableDays} day(s) may be delivered`;
  const details: Issue['details'] = { deadline, rule: 'R.5132-33' };
  if (deliverableDays !== undefined) details.deliverableDays = deliverableDays;
  return {
    issues: [issue('NARCOTIC_PRESENTATION_LATE', `Narcotic presented after ${deadline}${rest}`, details)],
    deliverableDays,
  };
}

/**
 * Validity of the whole prescription: twelve months of treatment at most (CSP R.5132-21), or the
 * teleservice's expiry when earlier.
 */
export function treatmentExpiry(ctx: CheckContext): Issue[] {
  const cap = addMonths(prescribedOn(ctx.prescription), 12);
  const expires = ctx.prescription.expiresAt?.slice(0, 10);
  const lastDay = expires && expires < cap ? expires : cap;
  if (ctx.dispensingDate <= lastDay) return [];
  return [
    issue('PRESCRIPTION_EXPIRED', `The prescription could be delivered until ${lastDay}`, {
      lastDay,
      rule: 'R.5132-21',
    }),
  ];
}

/** Listes I and II (CSP R.5132-12, -14, -22) and narcotics (R.5132-30): dates and one delivery's length. */
export function listChecks(
  ctx: CheckContext,
  delivery: { coveredDays?: number; dispensedBoxes: number; quarter: boolean },
): Issue[] {
  const out: Issue[] = [];
  const listed = ctx.specialities.some((s) => s.conditions.list !== undefined);
  const narcotic = ctx.specialities.find((s) => s.conditions.narcotic);
  const created = prescribedOn(ctx.prescription);
  if (listed && ctx.prior.length === 0) {
    // R.5132-22: the first delivery comes within three months of the prescription date.
    const lastDay = addMonths(created, 3);
    if (ctx.dispensingDate > lastDay) {
      out.push(
        issue('PRESCRIPTION_EXPIRED', `First delivery of a liste I/II product after ${lastDay}`, {
          lastDay,
          rule: 'R.5132-22',
        }),
      );
    }
  }
  const perBox = daysPerBox(ctx.line, ctx.unitsPerBox);
  const tranche = ctx.line.quantity?.boxes;
  const priorBoxes = ctx.prior.reduce((n, d) => n + d.boxes, 0);
  // A renewal starts a new tranche; a complement of a partial delivery is not a renewal.
  if (listed && perBox && tranche && priorBoxes > 0 && priorBoxes % tranche === 0) {
    // R.5132-14: no renewal before the quantities already delivered are used up at the posology.
    const earliest = coveredUntil(ctx.prior, perBox)!;
    if (ctx.dispensingDate < earliest) {
      out.push(
        issue('RENEWAL_TOO_EARLY', `The previous deliveries last until ${earliest}`, {
          earliest,
          rule: 'R.5132-14',
        }),
      );
    }
  }
  const covered = delivery.coveredDays;
  if (covered === undefined) return out;
  if (narcotic) {
    // R.5132-30: 28 days at most, less or in fractions when the product's arrêté says so.
    const cap =
      narcotic.conditions.splitDeliveryDays ?? narcotic.conditions.maxPrescriptionDays ?? NARCOTIC_CAP_DAYS;
    if (covered > cap) out.push(capIssue(covered, cap, 'R.5132-30'));
  } else if (listed && delivery.dispensedBoxes > 1) {
    // R.5132-12: a month per delivery (one box is never split), 12 weeks of contraceptives, 3 months of quarter packs.
    const cap = ctx.specialities.some(isContraceptive)
      ? CONTRACEPTIVE_CAP_DAYS
      : delivery.quarter
        ? QUARTER_CAP_DAYS
        : MONTH_CAP_DAYS;
    if (covered > cap) out.push(capIssue(covered, cap, 'R.5132-12'));
  }
  return out;
}

/** Hormonal contraceptives for systemic use: ATC G03A (the BDPM gives the ATC of MITM products only). */
export function isContraceptive(s: Speciality): boolean {
  return s.mitm?.atc.startsWith('G03A') ?? false;
}

function capIssue(covered: number, capDays: number, rule: string): Issue {
  const days = Math.round(covered * 10) / 10;
  return issue('DELIVERY_CAP_EXCEEDED', `This delivery covers ${days} days, over the ${capDays}-day limit`, {
    coveredDays: days,
    capDays,
    rule,
  });
}
