import type { PrescriptionView } from '../../prescription/prescription.view';
import type { PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import { DispensationErrorCode, DispensationException } from '../dispensation.exception';
import type { RenewalDto } from '../dto/acts.dto';
import type { ActRefusal } from './act-issue';
import { evaluateCorrespondentAct } from './correspondent.rules';
import { evaluateExceptional, MONTH_MAX_DAYS } from './exceptional.rules';

export interface RenewalInput {
  body: RenewalDto;
  line: PrescriptionLine;
  prescription: Pick<PrescriptionView, 'createdAt' | 'expiresAt'>;
  today: string;
  /** Earlier exceptional deliveries on this line (validated dispensations). */
  previous: ReadonlyArray<{ date: string; durationDays: number }>;
}

/** A refusal of the rules as the API answers it: 422 with the rule's code (docs/errors.md). */
export function refuse(r: ActRefusal): never {
  throw new DispensationException(r.code as DispensationErrorCode, r.message);
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
      expiresOn: input.prescription.expiresAt?.slice(0, 10),
      previous: input.previous,
      requestedDurationDays: durationDays,
    });
    if (!decision.ok) refuse(decision);
    return { ...stored, durationDays, mention: decision.mention, remainingDays: decision.remainingDays };
  }
  const decision = evaluateCorrespondentAct({ kind: body.kind, line, prescriptionDate, today });
  if (!decision.ok) refuse(decision);
  return { ...stored, lastDay: decision.lastDay, maxDurationDays: decision.maxDurationDays };
}
