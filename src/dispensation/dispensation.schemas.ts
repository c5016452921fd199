import {
  arr,
  bool,
  defineSchemas,
  instant,
  int,
  listOf,
  mapOf,
  nullable,
  nullableRef,
  obj,
  oneOf,
  ref,
  str,
  type Schema,
} from '../core/http/openapi-schemas';
import type { SchemaObject } from '@nestjs/swagger';
import { AGREEMENT_CHANNELS } from '../prescription/prescription.schemas';

export const DISPENSATION_STATUSES = [
  'open',
  'validated',
  'acknowledged',
  'invoiced',
  'rejected',
  'cancelled',
  'abandoned',
  'paper',
];
export const RECONCILIATION_STATUSES = [
  'pending',
  'matched',
  'substituted',
  'partial',
  'over',
  'mismatch',
  'not-delivered',
  'blocked',
];

/** An act as a line shows it: what was recorded, by whom, when, and its id (for DELETE). */
const recorded = (required: Record<string, Schema>, optional: Record<string, Schema> = {}): SchemaObject =>
  obj({ ...required, actId: str(), by: ref('ActAuthor'), at: instant() }, optional);

const finding = oneOf(['positive', 'negative']);

/** The response schemas of the dispensation stage: API.md § Dispensations. */
defineSchemas({
  Issue: obj(
    {
      code: str({ pattern: '^[A-Z][A-Z0-9_]*$', description: 'docs/errors.md § Issue codes' }),
      severity: oneOf(['info', 'warning', 'blocking']),
      message: str({ description: 'French unless Accept-Language puts en first' }),
    },
    {
      overridden: obj({ by: str(), reason: str(), at: instant() }, { interventionId: str() }),
      details: mapOf(
        { oneOf: [str(), { type: 'number' }, bool(), arr(str())] },
        'Machine-readable details (the message\u2019s parameters among them)',
      ),
    },
  ),
  ActAuthor: obj({ rpps: str(), role: oneOf(['pharmacien', 'preparateur']) }),
  Pack: obj(
    {
      packId: str({ format: 'uuid' }),
      label: str(),
      quantity: int({ description: 'Boxes' }),
      addedAt: instant(),
    },
    {
      cip13: str(),
      code: str(),
      cis: str(),
      expiry: str({ format: 'date' }),
      lot: str(),
      serial: str(),
      units: int({ description: 'Units handed over from a box cut to the exact number' }),
      assignedBy: oneOf(['explicit', 'auto']),
      scanId: str(),
      unitPriceCents: int({
        description: 'Price of one box in cents (PATCH …/packs/:packId): the execution carries it',
      }),
      reimbursementRate: int({ description: 'Reimbursement rate in percent' }),
    },
  ),
  ManualDelivery: obj(
    { deliveryId: str(), quantity: int(), at: instant() },
    { comment: str(), unitPriceCents: int(), reimbursementRate: int() },
  ),
  LineReconciliation: obj(
    {
      status: oneOf(RECONCILIATION_STATUSES),
      expectedBoxes: nullable(int()),
      dispensedBoxes: int(),
      remainingBoxes: nullable(int()),
      substitution: bool(),
      issues: arr(ref('Issue')),
    },
    { delivery: obj({ renewalNumber: int(), complement: bool() }, { exceptional: bool() }) },
  ),
  RecordedIntervention: recorded(
    { problemCode: str(), interventionCode: str() },
    {
      outcome: str(),
      prescriberAgreement: obj({ obtained: bool(), at: instant(), channel: oneOf(AGREEMENT_CHANNELS) }),
      comment: str(),
    },
  ),
  RecordedConditional: recorded(
    {
      test: oneOf(['trod-angine', 'bu-cystite']),
      result: finding,
      performedAt: instant(),
    },
    { findings: obj({ nitrites: finding, leucocytes: finding }) },
  ),
  RecordedNonDelivery: recorded(
    { reason: oneOf(['out-of-stock', 'refused-by-patient', 'not-needed', 'condition-not-met', 'other']) },
    { comment: str() },
  ),
  RecordedRenewal: recorded(
    { kind: oneOf(['correspondent-renewal', 'posology-adjustment', 'exceptional-dispensation']) },
    {
      posology: str(),
      comment: str(),
      mention: str(),
      durationDays: int(),
      remainingDays: int({
        description: 'exceptional-dispensation: days of treatment left after this delivery',
      }),
      treatmentEnd: str({ format: 'date' }),
      lastDay: str({ format: 'date', description: 'correspondent acts: the last day the act may be made' }),
      maxDurationDays: int(),
      amIntervention: obj({ type: str(), motive: str(), situation: str() }),
    },
  ),
  DispensationLine: obj(
    {
      lineId: str(),
      prescribed: ref('PrescriptionLine'),
      packs: arr(ref('Pack')),
      manualDeliveries: arr(ref('ManualDelivery')),
      reconciliation: ref('LineReconciliation'),
      interventions: arr(ref('RecordedIntervention')),
    },
    {
      conditional: ref('RecordedConditional'),
      nonDelivery: ref('RecordedNonDelivery'),
      renewal: ref('RecordedRenewal'),
      patientRefusedGeneric: bool(),
      mtePh: bool(),
      prescriberInformed: ref('PrescriberInformed'),
    },
  ),
  Dispensation: obj(
    {
      id: str({ format: 'uuid' }),
      prescriptionId: str(),
      terminalId: str(),
      status: oneOf(DISPENSATION_STATUSES),
      renewalNumber: int(),
      operator: nullableRef('StaffMember'),
      lines: arr(ref('DispensationLine')),
      unassignedPacks: arr(ref('Pack'), { description: 'Packs that fit no line' }),
      issues: arr(ref('Issue')),
      createdAt: instant(),
      updatedAt: instant(),
    },
    {
      degraded: bool({ description: 'Opened without the teleservice' }),
      transcription: obj(
        {
          state: oneOf(['pending', 'equal', 'differs', 'confirmed']),
          createdAt: str({ description: "The paper's date" }),
        },
        {
          differences: arr(str(), { description: '`lineId.field: transcribed ≠ teleservice`' }),
          comparedAt: instant("When it was compared with the teleservice's copy"),
          confirmed: obj({ by: str(), at: instant() }, { comment: str() }),
          lastTryAt: instant(),
          lastError: str(),
        },
        {
          description: 'Degraded mode: where the comparison of the transcription with the teleservice stands',
        },
      ),
      closure: obj(
        { status: oneOf(['abandoned', 'cancelled', 'paper']), reason: str(), at: instant() },
        {
          by: str({ description: 'RPPS (none when Comptoir closed it)' }),
          cancellationId: str({ format: 'uuid' }),
        },
        { description: 'Abandoned, cancelled or turned to paper: why, by whom, when' },
      ),
    },
  ),
  DispensationList: listOf(ref('Dispensation')),
  Validation: obj({
    executionId: str({ format: 'uuid' }),
    sequence: int({ minimum: 1 }),
    status: oneOf(DISPENSATION_STATUSES),
  }),
  InterventionFavourite: obj(
    { favouriteId: str(), label: str(), problemCode: str(), interventionCode: str() },
    { outcome: str(), comment: str() },
  ),
  InterventionFavouriteList: listOf(ref('InterventionFavourite')),
});
