import { addDays, addMonths } from '../../core/clock/calendar';
import type { PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import { treatmentEnd } from '../reconciliation/treatment';
import { ActRefusal, refusal } from './act-issue';
import { DISPENSATION_DETAILS as D } from '../error-messages';

// R.5123-2-1 CSP: the mention the pharmacist writes on the prescription and the execution.
export const EXCEPTIONAL_MENTION = 'dispensation supplémentaire exceptionnelle';
// A month of treatment is one 28-day or 30-day pack (R.5132-12 caps), so 3 months is at least 84 days.
export const MONTH_MIN_DAYS = 28;
export const MONTH_MAX_DAYS = 30;

/** Why a product is excluded from R.5123-2-1, read from its CPD. */
export type ExceptionalExclusion = 'narcotic-rules' | 'limited-duration';

export interface ExceptionalInput {
  line: PrescriptionLine;
  prescriptionDate: string;
  today: string;
  /** From the referential: a stupéfiant or a product under narcotic rules, or a limited prescription duration. */
  excluded?: ExceptionalExclusion;
  /** Days each earlier exceptional delivery on this line covered. */
  previous: ReadonlyArray<{ date: string; durationDays: number }>;
  requestedDurationDays: number;
}

export type ExceptionalDecision =
  { ok: true; mention: typeof EXCEPTIONAL_MENTION; remainingDays: number; treatmentEnd: string } | ActRefusal;

/**
 * Exceptional supplementary dispensation on an expired chronic prescription (R.5123-2-1 CSP as amended in
 * November 2024). The treatment ends on the prescription date plus `durationDays` × (1 + `renewals`)
 * (treatment.ts), the first day the prescription no longer covers; the first such delivery comes within the
 * month that follows, then one month at a time, three months in all.
 */
export function evaluateExceptional(input: ExceptionalInput): ExceptionalDecision {
  const { line } = input;
  const totalDays = (line.durationDays ?? 0) * (1 + (line.renewals ?? 0));
  // R.5123-2-1: only a chronic treatment prescribed for at least three months, renewals included.
  if (totalDays < 3 * MONTH_MIN_DAYS) {
    return refusal('EXCEPTIONAL_NOT_CHRONIC', D.EXCEPTIONAL_NOT_CHRONIC.tooShort({ totalDays }));
  }
  // Never for stupéfiants or products under narcotic rules, nor those whose prescription duration is limited.
  if (input.excluded === 'narcotic-rules') {
    return refusal('EXCEPTIONAL_NOT_ALLOWED', D.EXCEPTIONAL_NOT_ALLOWED.narcotic());
  }
  if (input.excluded === 'limited-duration') {
    return refusal('EXCEPTIONAL_NOT_ALLOWED', D.EXCEPTIONAL_NOT_ALLOWED.limitedDuration());
  }
  const end = treatmentEnd(input.prescriptionDate, line);
  if (input.today < end)
    return refusal('EXCEPTIONAL_NOT_EXPIRED', D.EXCEPTIONAL_NOT_EXPIRED.covers({ until: addDays(end, -1) }));
  // The first such delivery comes within a month of the end.
  if (!input.previous.length && input.today > addDays(addMonths(end, 1), -1)) {
    return refusal('EXCEPTIONAL_TOO_LATE', D.EXCEPTIONAL_TOO_LATE.late({ end }));
  }
  if (input.requestedDurationDays < 1 || input.requestedDurationDays > MONTH_MAX_DAYS) {
    return refusal(
      'EXCEPTIONAL_DURATION_EXCEEDED',
      D.EXCEPTIONAL_DURATION_EXCEEDED.month({ maxDays: MONTH_MAX_DAYS }),
    );
  }
  // Three months in all (three deliveries of a month at most).
  const used = input.previous.reduce((n, p) => n + p.durationDays, 0);
  if (input.previous.length >= 3 || used + input.requestedDurationDays > 3 * MONTH_MAX_DAYS) {
    return refusal('EXCEPTIONAL_DURATION_EXCEEDED', D.EXCEPTIONAL_DURATION_EXCEEDED.total({ used }));
  }
  return {
    ok: true,
    mention: EXCEPTIONAL_MENTION,
    remainingDays: 3 * MONTH_MAX_DAYS - used - input.requestedDurationDays,
    treatmentEnd: end,
  };
}
