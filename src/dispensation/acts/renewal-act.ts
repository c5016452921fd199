import type { Speciality } from '../../medicines/medicines.types';
import type { PrescriptionView } from '../../prescription/prescription.view';
import type { AmIntervention, PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import { DispensationErrorCode, DispensationException } from '../dispensation.exception';
import type { RenewalDto } from '../dto/acts.dto';
import type { ActRefusal } from './act-issue';
import { evaluateCorrespondentAct } from './correspondent.rules';
import { evaluateExceptional, ExceptionalExclusion, MONTH_MAX_DAYS } from './exceptional.rules';

/** The intervention an exceptional dispensation is recorded as on an ON (R.5123-2-1; RULES.md § Other acts). */
export const EXCEPTIONAL_AM_INTERVENTION: AmIntervention = {
  type: 'modification',
  motive: 'renouvellement',
  situation: 'situations particulières de renouvellement exceptionnel ou réglementaire',
};

export interface RenewalInput {
  body: RenewalDto;
  line: PrescriptionLine;
  prescription: Pick<PrescriptionView, 'createdAt'>;
  today: string;
  /** The line's specialities (prescribed, or delivered on it): their CPD may exclude R.5123-2-1. */
  specialities: Speciality[];
  /** Earlier exceptional deliveries on this line (validated dispensations). */
  previous: ReadonlyArray<{ date: string; durationDays: number }>;
}

/** A refusal of the rules as the API answers it: 422 with the rule's code (docs/errors.md). */
export function refuse(r: ActRefusal): never {
  throw new DispensationException(r.code as DispensationErrorCode, r.message);
}

/**
 * R.5123-2-1 excludes stupéfiants, products under narcotic rules in whole or in part (their CPD asks for an
 * ordonnance sécurisée or splits the delivery) and products whose prescription duration is limited
 * (R.5132-21 al. 2: hypnotics, anxiolytics…).
 */
export function exceptionalExclusion(specialities: Speciality[]): ExceptionalExclusion | undefined {
  const c = specialities.map((s) => s.conditions);
  if (c.some((x) => x.narcotic || x.securePrescription || x.splitDeliveryDays !== undefined))
    return 'narcotic-rules';
  if (c.some((x) => x.maxPrescriptionDays !== undefined)) return 'limited-duration';
  return undefined;
}

/** The renewal act as stored, once the rules accept it (correspondent pharmacist or R.5123-2-1). */
export function renewalBody(input: RenewalInput): Record<string, unknown> {
  const { body, line, today } = input;
  const prescriptionDate = input.prescription.createdAt.slice(0, 10);
  const stored: Record<string, unknown> = { ...body };
  if (body.kind === 'exceptional-dispensation') {
    // One month at a time (R.5123-2-1): the line's duration, capped at a month, unless given.
    const durationDays = body.durationDays ?? Math.min(line.durationDays ?? MONTH_MAX_DAYS, MONTH_MAX_DAYS);
    const decision = evaluateExceptional({
      line,
      prescriptionDate,
      today,
      excluded: exceptionalExclusion(input.specialities),
      previous: input.previous,
      requestedDurationDays: durationDays,
    });
    if (!decision.ok) refuse(decision);
    return {
      ...stored,
      durationDays,
      mention: decision.mention,
      remainingDays: decision.remainingDays,
      treatmentEnd: decision.treatmentEnd,
      amIntervention: EXCEPTIONAL_AM_INTERVENTION,
    };
  }
  const decision = evaluateCorrespondentAct({ kind: body.kind, line, prescriptionDate, today });
  if (!decision.ok) refuse(decision);
  return { ...stored, lastDay: decision.lastDay, maxDurationDays: decision.maxDurationDays };
}
