import { DispensationException } from '../dispensation.exception';
import { isInterventionCode, isOutcomeCode, isProblemCode } from './sfpc-codes';
import { DISPENSATION_DETAILS } from '../error-messages';

/**
 * 422 SFPC_CODE_UNKNOWN naming each field whose code is not in the SFPC code systems, in `details.fields`
 * (docs/errors.md; `fields` too, as the first answers had it).
 */
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
    throw new DispensationException(
      'SFPC_CODE_UNKNOWN',
      DISPENSATION_DETAILS.SFPC_CODE_UNKNOWN.fields({ fields: bad }),
      {
        extra: { details: { fields: bad }, fields: bad },
      },
    );
  }
}
