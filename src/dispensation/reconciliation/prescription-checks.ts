import { addDays, addMonths, daysBetween } from '../../core/clock/calendar';
import { fold } from '../../core/text/fold';
import { moietyKey } from '../../medicines/domain/substance-name';
import type { Speciality } from '../../medicines/medicines.types';
import type { PrescriptionLineView, PrescriptionView } from '../../prescription/prescription.view';
import { issue, Issue } from '../issue';
import type { ProductRules } from './delivery-cap';
import type { QuantityResult } from './quantity';
import type { KnownPrescription } from './reconciliation.types';
import { coveredUntil, daysPerBox, Delivery } from './treatment';

/** Days a narcotic prescription (or the end of the previous fraction) may wait, the day itself not counted. */
export const NARCOTIC_PRESENTATION_DAYS = 3;

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

const prescribedOn = (p: PrescriptionView): string => p.createdAt.slice(0, 10);

/** Hormonal contraceptives for systemic use: ATC G03A (the BDPM gives the ATC of MITM products only). */
export function isContraceptive(s: Speciality): boolean {
  return s.mitm?.atc.startsWith('G03A') ?? false;
}

/** The CPD and list of the specialities on a line, as the quantity rules read them. */
export function productRules(specialities: Speciality[], reimbursed: boolean): ProductRules {
  const min = (xs: (number | undefined)[]) => {
    const known = xs.filter((x): x is number => x !== undefined);
    return known.length ? Math.min(...known) : undefined;
  };
  const rules: ProductRules = {
    narcotic: specialities.some((s) => s.conditions.narcotic),
    listed: specialities.some((s) => s.conditions.list !== undefined),
    reimbursed,
    contraceptive: specialities.some(isContraceptive),
  };
  const max = min(specialities.map((s) => s.conditions.maxPrescriptionDays));
  const split = min(specialities.map((s) => s.conditions.splitDeliveryDays));
  if (max !== undefined) rules.maxPrescriptionDays = max;
  if (split !== undefined) rules.splitDeliveryDays = split;
  return rules;
}

/**
 * Narcotics (CSP R.5132-33): delivered in full only if presented within the 3 days following the
 * prescription date, or the end of the previous fraction, the day itself not counted; later, only the
 * duration still to run is deliverable. Only products whose CPD says « stupéfiants »: the « assimilés »
 * have their own phrases and no 3-day window.
 */
export function narcoticTiming(
  ctx: CheckContext,
): { deadline: string; deliverableDays?: number } | undefined {
  if (!ctx.specialities.some((s) => s.conditions.narcotic)) return undefined;
  const created = prescribedOn(ctx.prescription);
  const perBox = daysPerBox(ctx.line, ctx.unitsPerBox);
  const last = ctx.prior.at(-1)?.date;
  const previousEnd = ctx.prior.length ? (perBox ? coveredUntil(ctx.prior, perBox) : last) : undefined;
  const deadline = addDays(previousEnd ?? created, NARCOTIC_PRESENTATION_DAYS);
  if (ctx.dispensingDate <= deadline) return undefined;
  const duration = ctx.line.durationDays;
  if (duration === undefined) return { deadline };
  return { deadline, deliverableDays: Math.max(0, duration - daysBetween(created, ctx.dispensingDate)) };
}

/** The warning of a late narcotic: the remaining days, and the units they make (a box may be cut). */
export function lateIssue(late: { deadline: string; deliverableDays?: number }, units?: number): Issue {
  return issue('NARCOTIC_PRESENTATION_LATE', {
    deadline: late.deadline,
    deliverableDays: late.deliverableDays ?? 0,
    deliverableUnits: units === undefined ? undefined : Math.floor(units + 1e-9),
    rule: 'R.5132-33',
  });
}

/** Statuses on which nothing is validated (API.md § Prescriptions): the teleservice's verdict. */
export const LIFECYCLE_CODES = {
  'fully-executed': 'PRESCRIPTION_FULLY_EXECUTED',
  expired: 'PRESCRIPTION_EXPIRED',
  cancelled: 'PRESCRIPTION_CANCELLED',
} as const;

/** A lifecycle issue is the teleservice's: it is lifted by an exceptional dispensation, never overridden. */
export const isLifecycleIssue = (i: Pick<Issue, 'details'>): boolean => i.details?.source === 'teleservice';

/**
 * The line's issue when the prescription is fully executed, expired or cancelled at the teleservice, with
 * what was delivered on the line, where and when (`date|boxes|pharmacy`, `here` for this pharmacy).
 */
export function lifecycleIssue(p: PrescriptionView, line: PrescriptionLineView): Issue | undefined {
  if (p.status !== 'fully-executed' && p.status !== 'expired' && p.status !== 'cancelled') return undefined;
  const deliveries = [
    ...line.deliveredHereOn.map((x) => ({ ...x, pharmacy: 'here' })),
    ...line.deliveredElsewhere.map((x) => ({
      date: x.date,
      quantity: x.quantity,
      pharmacy: x.pharmacy.name ?? x.pharmacy.finess ?? x.pharmacy.am ?? '?',
    })),
  ]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((x) => `${x.date.slice(0, 10)}|${x.quantity}|${x.pharmacy}`);
  const common = { source: 'teleservice' as const, lineId: line.lineId, deliveries };
  if (p.status === 'expired') {
    const lastDay = p.expiresAt?.slice(0, 10) ?? p.treatmentEnd;
    return issue('PRESCRIPTION_EXPIRED', {
      ...common,
      lastDay,
      rule: 'teleservice',
      treatmentEnd: p.treatmentEnd,
    });
  }
  return issue(LIFECYCLE_CODES[p.status], common);
}

/**
 * Validity of the whole prescription: twelve months of treatment at most (CSP R.5132-21), or the
 * teleservice's expiry when earlier. Lifted on a line by an exceptional supplementary dispensation.
 */
export function treatmentExpiry(ctx: CheckContext): Issue[] {
  const cap = addMonths(prescribedOn(ctx.prescription), 12);
  const expires = ctx.prescription.expiresAt?.slice(0, 10);
  const lastDay = expires && expires < cap ? expires : cap;
  if (ctx.dispensingDate <= lastDay) return [];
  return [issue('PRESCRIPTION_EXPIRED', { lastDay, rule: 'R.5132-21' })];
}

/**
 * « prescription limitée à N jours/semaines/mois » caps the whole prescription, renewals included
 * (R.5132-21 al. 2, R.5132-22): the days still allowed after the earlier deliveries.
 */
export function limitDaysLeft(
  ctx: CheckContext,
): { limit: number; priorDays: number; left: number } | undefined {
  const limit = productLimit(ctx.specialities);
  if (limit === undefined) return undefined;
  const perBox = daysPerBox(ctx.line, ctx.unitsPerBox) ?? 0;
  const priorDays = ctx.prior.reduce((n, d) => n + d.boxes, 0) * perBox;
  return { limit, priorDays, left: limit - priorDays };
}

const productLimit = (specialities: Speciality[]): number | undefined => {
  const xs = specialities
    .map((s) => s.conditions.maxPrescriptionDays)
    .filter((x): x is number => x !== undefined);
  return xs.length ? Math.min(...xs) : undefined;
};

/** Listes I and II (CSP R.5132-22, -14): the first delivery's date and a renewal's earliest day. */
export function listChecks(ctx: CheckContext, q: Pick<QuantityResult, 'complement' | 'fractions'>): Issue[] {
  const out: Issue[] = [];
  const listed = ctx.specialities.some((s) => s.conditions.list !== undefined);
  if (!listed) return out;
  const created = prescribedOn(ctx.prescription);
  if (ctx.prior.length === 0) {
    // R.5132-22: the first delivery comes within three months of the prescription date.
    const lastDay = addMonths(created, 3);
    if (ctx.dispensingDate > lastDay) out.push(issue('PRESCRIPTION_EXPIRED', { lastDay, rule: 'R.5132-22' }));
  }
  const perBox = daysPerBox(ctx.line, ctx.unitsPerBox);
  // R.5132-14: a renewal (or the next fraction of a split delivery) once the earlier ones are used up; the
  // complement of a partial delivery is neither.
  const fraction = q.complement && q.fractions;
  if (perBox && ctx.prior.length > 0 && (!q.complement || fraction)) {
    const earliest = coveredUntil(ctx.prior, perBox)!;
    if (ctx.dispensingDate < earliest) {
      out.push(issue('RENEWAL_TOO_EARLY', { earliest, rule: 'R.5132-14', fraction: fraction || undefined }));
    }
  }
  return out;
}

/** The blocking issues of what a delivery exceeds (RULES.md § Quantities). */
export function excessIssues(
  q: QuantityResult,
  ctx: CheckContext,
  limit: ReturnType<typeof limitDaysLeft>,
  late: ReturnType<typeof narcoticTiming>,
): Issue[] {
  const coveredDays = Math.round((q.coveredDays ?? 0) * 10) / 10;
  return q.exceeded.map((e) => {
    switch (e) {
      case 'prescription':
        return issue('QUANTITY_EXCEEDS_PRESCRIPTION', {
          expectedBoxes: q.expectedBoxes ?? 0,
          dispensedBoxes: q.dispensedBoxes,
        });
      case 'renewal':
        return issue('RENEWAL_NOT_ALLOWED', {
          product: ctx.specialities.find((s) => s.conditions.narcotic)?.name ?? '',
          rule: 'R.5132-30',
        });
      case 'limit':
        return issue('PRESCRIPTION_LIMIT_EXCEEDED', {
          limitDays: limit!.limit,
          priorDays: Math.round(limit!.priorDays * 10) / 10,
          coveredDays,
          rule: 'R.5132-21',
        });
      case 'late':
        return issue('DELIVERY_CAP_EXCEEDED', {
          coveredDays,
          capDays: late?.deliverableDays ?? 0,
          rule: 'R.5132-33',
          cause: 'late',
        });
      case 'cap':
        return issue('DELIVERY_CAP_EXCEEDED', {
          coveredDays,
          capDays: q.cap!.days,
          rule: q.cap!.rule,
          cause: q.cap!.kind,
        });
    }
  });
}

/** « réservé à l'usage hospitalier » (CSP R.5121-82): a community pharmacy never dispenses it. */
export function hospitalOnly(ctx: CheckContext): Issue[] {
  return ctx.specialities
    .filter((s) => s.conditions.hospitalOnly)
    .map((s) => issue('HOSPITAL_ONLY', { product: s.name, rule: 'R.5121-82' }));
}

/**
 * A product whose prescription is reserved to some specialists (CSP R.5121-90 and following): the line
 * names the specialty required; a warning when the prescriber's specialty is another or unknown.
 */
export function specialistChecks(ctx: CheckContext): Issue[] {
  const theirs = ctx.prescription.prescriber.specialty;
  const out: Issue[] = [];
  for (const s of ctx.specialities) {
    const restriction = s.conditions.specialists;
    if (!restriction) continue;
    const mine = theirs ? fold(theirs) : undefined;
    const matches =
      mine !== undefined &&
      restriction.specialties.some((x) => {
        const f = fold(x);
        return mine.includes(f) || f.includes(mine);
      });
    if (matches) continue;
    out.push(
      issue('SPECIALIST_PRESCRIPTION_REQUIRED', {
        product: s.name,
        specialties: restriction.specialties,
        scope: restriction.scope,
        prescriberSpecialty: theirs,
        rule: 'R.5121-90',
      }),
    );
  }
  return out;
}

/** The active moieties a line prescribes or delivers (for « chevauchement interdit »). */
export function lineMoieties(line: PrescriptionLineView, specialities: Speciality[]): string[] {
  const out = new Set(specialities.flatMap((s) => s.substances.map((x) => moietyKey(x.name))));
  if (line.product.dc) for (const part of line.product.dc.substance.split(/[/+]/)) out.add(moietyKey(part));
  return [...out].filter(Boolean);
}

/**
 * « chevauchement interdit sauf mention expresse du prescripteur » (R.5132-33): no new prescription by the
 * same prescriber for the same substance while one of theirs still covers today, unless the line carries
 * the mention. Checked against the patient's prescriptions Comptoir has retrieved, and said to be so when
 * it knows none.
 */
export function overlapChecks(ctx: CheckContext, others: KnownPrescription[] | undefined): Issue[] {
  if (!others || ctx.line.overlapAllowed) return [];
  if (!ctx.specialities.some((s) => s.conditions.overlapForbidden)) return [];
  if (others.length === 0) return [issue('OVERLAP_UNKNOWN', {})];
  const mine = new Set(lineMoieties(ctx.line, ctx.specialities));
  const p = ctx.prescription;
  for (const other of others) {
    if (other.prescriptionId === p.prescriptionId || other.prescriberRpps !== p.prescriber.rpps) continue;
    if (other.createdAt.slice(0, 10) > prescribedOn(p)) continue;
    for (const l of other.lines) {
      const shared = l.moieties.find((m) => mine.has(m));
      if (shared && l.treatmentEnd >= ctx.dispensingDate) {
        return [
          issue('OVERLAP_FORBIDDEN', {
            otherPrescriptionId: other.prescriptionId,
            substance: shared,
            coveredUntil: l.treatmentEnd,
            rule: 'R.5132-33',
          }),
        ];
      }
    }
  }
  return [];
}
