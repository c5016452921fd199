import { defineSchemas, instant, int, listOf, obj, oneOf, ref, str } from '../core/http/openapi-schemas';

export const EXECUTION_STATUSES = ['held', 'queued', 'sending', 'acknowledged', 'parked', 'cancelled'];
export const EXECUTION_KINDS = ['execution', 'post-invoice', 'cancellation'];

/** The response schemas of the execution stage: API.md § Executions and invoicing. */
defineSchemas({
  Execution: obj(
    {
      executionId: str({ format: 'uuid' }),
      prescriptionId: str(),
      sequence: int({ minimum: 1 }),
      kind: oneOf(EXECUTION_KINDS),
      status: oneOf(EXECUTION_STATUSES),
      attempts: int(),
      createdAt: instant('When validation (or invoicing, cancellation) queued it'),
    },
    {
      lastError: str(),
      acknowledgedAt: instant(),
      dispensationId: str({ format: 'uuid' }),
      cancels: int({ description: 'A cancellation: the sequence it cancels' }),
      cancellation: str({ format: 'uuid', description: 'POST …/cancel: the cancellation queued for it' }),
    },
  ),
  ExecutionList: listOf(ref('Execution')),
});
