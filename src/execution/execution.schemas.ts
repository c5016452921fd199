import {
  bool,
  day,
  defineSchemas,
  instant,
  int,
  listOf,
  obj,
  oneOf,
  ref,
  str,
  arr,
} from '../core/http/openapi-schemas';

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
  // GET /api/v1/executions/:id/report: the report for the complementary insurers (oct/oct-report.ts).
  OctReportProduct: obj(
    { quantity: int() },
    {
      cip13: str(),
      code: str(),
      label: str(),
      unitPriceCents: int(),
      reimbursementRate: int(),
      amountCents: int({ description: 'quantity × unit price' }),
      amoCents: int({ description: "the compulsory scheme's share" }),
      lot: str(),
      expiry: day(),
      serial: str(),
    },
  ),
  OctReportLine: obj(
    {
      lineId: str(),
      prescribed: obj({}, { label: str(), cis: str(), cip13: str(), lpp: str(), ald: bool() }),
      products: arr(ref('OctReportProduct')),
    },
    { substituted: bool(), nonDelivery: str(), renewalNumber: int() },
  ),
  OctReport: obj(
    {
      format: oneOf(['comptoir-oct-report']),
      version: int({ enum: [1] }),
      reportId: str({ description: "The execution's id: the key a receiver deduplicates on" }),
      prescriptionId: str(),
      executionSequence: int({ minimum: 1 }),
      acknowledgement: obj({ id: str(), receivedAt: instant() }),
      dispensingDate: day(),
      renewalNumber: int(),
      pharmacy: ref('PharmacyRef'),
      pharmacist: obj({ rpps: str(), role: str() }),
      prescriber: obj({ rpps: str() }, { am: str(), finess: str(), lastName: str(), firstName: str() }),
      patient: ref('Patient'),
      lines: arr(ref('OctReportLine')),
      totals: obj({ amountCents: int(), amoCents: int(), remainingCents: int() }),
    },
    {
      delivery: obj(
        { status: oneOf(['queued', 'delivered', 'failed']), attempts: int() },
        { lastError: str(), deliveredAt: instant() },
      ),
    },
  ),
});
