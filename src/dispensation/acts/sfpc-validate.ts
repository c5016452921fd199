import { DispensationException } from '../dispensation.exception';
import { isInterventionCode, isOutcomeCode, isProblemCode } from './sfpc-codes';

/** 422 SFPC_CODE_UNKNOWN naming each field whose code is not in the SFPC code systems. */
export function assertSfpcCodes(body: {
  problemCode: string;
  interventionCode: string;
  outcome?: string;
}): void {
  const bad = [
    !isProblemCode(body.problemCode) && 'problemCode',
    !isInterventionCode(body.interventionCode) && 'interventionCode',
    body.outcome !== undefined && !isOutcomeCode(body.outcome) && 'outcome',
  ].filter((f): f is string => !!f);
  if (bad.length) {
    throw new DispensationException('SFPC_CODE_UNKNOWN', `not an SFPC code: ${bad.join(', ')}`, {
      extra: { fields: bad },
    });
  }
}
