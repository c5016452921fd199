import type { PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import { ActRefusal, refusal } from './act-issue';
import { addDays, addMonths, daysBetween } from '../../core/clock/calendar';
import { DISPENSATION_DETAILS as D } from '../error-messages';

export type CorrespondentActKind = 'correspondent-renewal' | 'posology-adjustment';

export interface CorrespondentInput {
  kind: CorrespondentActKind;
  line: PrescriptionLine;
  prescriptionDate: string;
  today: string;
}

export type CorrespondentDecision = { ok: true; lastDay: string; maxDurationDays: number } | ActRefusal;

/** Whether the correspondent pharmacist may renew or adjust this line today (décret 2021-685, §6.3). */
export function evaluateCorrespondentAct(input: CorrespondentInput): CorrespondentDecision {
  const { kind, line } = input;
  // Décret 2021-685 (art. R.5125-33-9 CSP): only when the prescription carries the authorising mention.
  if (kind === 'correspondent-renewal' && !line.pharmacistRenewalAuthorized) {
    return refusal('RENEWAL_NOT_AUTHORIZED', D.RENEWAL_NOT_AUTHORIZED.notAuthorised());
  }
  if (kind === 'posology-adjustment' && !line.posologyAdjustmentAuthorized) {
    return refusal(
      'POSOLOGY_ADJUSTMENT_NOT_AUTHORIZED',
      D.POSOLOGY_ADJUSTMENT_NOT_AUTHORIZED.notAuthorised(),
    );
  }
  if (input.today < input.prescriptionDate)
    return refusal('TREATMENT_CAP_EXCEEDED', D.TREATMENT_CAP_EXCEEDED.beforePrescription());
  // Décret 2021-685 and R.5132-21: 12 months in all from the prescription date (last day = date + 12 months − 1).
  const lastDay = addDays(addMonths(input.prescriptionDate, 12), -1);
  if (input.today > lastDay) {
    return refusal('TREATMENT_CAP_EXCEEDED', D.TREATMENT_CAP_EXCEEDED.ended({ lastDay }));
  }
  return { ok: true, lastDay, maxDurationDays: daysBetween(input.today, lastDay) + 1 };
}
