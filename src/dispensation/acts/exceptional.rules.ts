import type { PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import { ActRefusal, refusal } from './act-issue';
import { addDays, addMonths } from './calendar';

// R.5123-2-1 CSP: the mention the pharmacist writes on the prescription and the execution.
export const EXCEPTIONAL_MENTION = 'dispensation supplémentaire exceptionnelle';
// A month of treatment is one 28-day or 30-day pack (R.5132-12 caps), so 3 months is at least 84 days.
export const MONTH_MIN_DAYS = 28;
export const MONTH_MAX_DAYS = 30;

export interface ExceptionalInput {
  line: PrescriptionLine;
  prescriptionDate: string;
  today: string;
  /** Last day the prescription covers; default: date + durationDays × (1 + renewals) − 1. */
  expiresOn?: string;
  /** Narcotics and assimilated are excluded from R.5123-2-1 (from the referential). */
  narcotic?: boolean;
  /** Days each earlier exceptional delivery on this line covered. */
  previous: ReadonlyArray<{ date: string; durationDays: number }>;
  requestedDurationDays: number;
}

export type ExceptionalDecision =
  { ok: true; mention: typeof EXCEPTIONAL_MENTION; remainingDays: number } | ActRefusal;

/** Exceptional supplementary dispensation on an expired chronic prescription (R.5123-2-1 CSP). */
export function evaluateExceptional(input: ExceptionalInput): ExceptionalDecision {
  const { line } = input;
  const totalDays = (line.durationDays ?? 0) * (1 + (line.renewals ?? 0));
  // R.5123-2-1: only a chronic treatment prescribed for at least three months, renewals included.
  if (totalDays < 3 * MONTH_MIN_DAYS) {
    return refusal('EXCEPTIONAL_NOT_CHRONIC', `the prescription covers ${totalDays} days, under 3 months`);
  }
  if (input.narcotic) return refusal('EXCEPTIONAL_NOT_ALLOWED', 'narcotics are excluded from R.5123-2-1');
  const expiresOn = input.expiresOn ?? addDays(input.prescriptionDate, totalDays - 1);
  if (input.today <= expiresOn)
    return refusal('EXCEPTIONAL_NOT_EXPIRED', `the prescription runs until ${expiresOn}`);
  // R.5123-2-1: the first such delivery comes within a month of the expiry.
  if (!input.previous.length && input.today > addMonths(expiresOn, 1)) {
    return refusal('EXCEPTIONAL_TOO_LATE', `more than a month after the expiry on ${expiresOn}`);
  }
  // R.5123-2-1: one month at a time.
  if (input.requestedDurationDays < 1 || input.requestedDurationDays > MONTH_MAX_DAYS) {
    return refusal('EXCEPTIONAL_DURATION_EXCEEDED', `one month at a time (at most ${MONTH_MAX_DAYS} days)`);
  }
  // R.5123-2-1: three months in all (three deliveries of a month at most).
  const used = input.previous.reduce((n, p) => n + p.durationDays, 0);
  if (input.previous.length >= 3 || used + input.requestedDurationDays > 3 * MONTH_MAX_DAYS) {
    return refusal('EXCEPTIONAL_DURATION_EXCEEDED', `3 months in all: ${used} days already delivered`);
  }
  return {
    ok: true,
    mention: EXCEPTIONAL_MENTION,
    remainingDays: 3 * MONTH_MAX_DAYS - used - input.requestedDurationDays,
  };
}
