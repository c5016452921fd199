import {
  arr,
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
} from '../core/http/openapi-schemas';

export const PRESCRIPTION_STATUSES = ['open', 'partially-executed', 'fully-executed', 'expired', 'cancelled'];
const AGREEMENT_CHANNELS = ['phone', 'secure-messaging', 'in-person', 'other'];

/** The response schemas of the prescription stage: API.md § Prescriptions, the seed format's line. */
defineSchemas({
  // GET /api/v1/prescriptions: the patient's prescriptions at the teleservice (prescription-search.service.ts).
  PrescriptionSearch: listOf(
    obj({
      prescriptionId: str(),
      createdAt: day(),
      prescriber: obj({ rpps: str() }),
      status: oneOf(PRESCRIPTION_STATUSES),
      lineCount: int(),
    }),
  ),
  PharmacyRef: obj({}, { finess: str(), am: str(), name: str() }),
  Prescriber: obj(
    { rpps: str() },
    {
      am: str(),
      finess: str(),
      replacementRpps: str(),
      lastName: str(),
      firstName: str(),
      specialty: str(),
    },
  ),
  Patient: obj(
    { lastName: str(), firstName: str(), birthDate: day() },
    { ins: obj({ matricule: str(), oid: str() }) },
  ),
  PrescribedProduct: obj(
    {},
    {
      cis: str(),
      cip13: str(),
      dc: obj({ substance: str() }, { strength: str(), form: str() }),
      lpp: str(),
      code: str({ description: 'ACL13 or EAN-13 on the box' }),
      label: str(),
    },
  ),
  PrescriptionLine: obj(
    {
      lineId: str(),
      kind: oneOf(['medication', 'device', 'magistral']),
      product: ref('PrescribedProduct'),
      posology: obj({ text: str() }, { unitsPerDay: { type: 'number' } }),
      deliveredHere: int({ description: 'Boxes delivered on this line by this pharmacy' }),
      deliveredElsewhere: arr(ref('DeliveryElsewhere')),
    },
    {
      quantity: obj({}, { boxes: int(), units: int() }),
      durationDays: int(),
      renewals: int(),
      nonSubstitutable: oneOf(['MTE', 'EFG', 'CIF']),
      singleDelivery: bool(),
      overlapAllowed: bool(),
      ald: bool(),
      secure: bool(),
      exception: bool(),
      conditional: obj({ test: oneOf(['trod-angine', 'bu-cystite']) }, { validityDays: int() }),
      pharmacistRenewalAuthorized: bool(),
      posologyAdjustmentAuthorized: bool(),
      deliveredHereOn: arr(obj({ date: day(), quantity: int() }), {
        description: 'When this pharmacy delivered them (deliveredHere by date)',
      }),
    },
  ),
  DeliveryElsewhere: obj({ pharmacy: ref('PharmacyRef'), date: day(), quantity: int() }),
  RecordedExecution: obj({
    pharmacy: ref('PharmacyRef'),
    sequence: int(),
    kind: oneOf(['execution', 'post-invoice', 'cancellation']),
    date: day(),
    receivedAt: instant(),
    cancelled: bool(),
    lines: arr(obj({ lineId: str(), quantity: int() })),
  }),
  Prescription: obj(
    {
      prescriptionId: str(),
      createdAt: day(),
      status: oneOf(PRESCRIPTION_STATUSES),
      prescriber: ref('Prescriber'),
      patient: ref('Patient'),
      consentExecutionView: bool(),
      lines: arr(ref('PrescriptionLine')),
      executions: arr(ref('RecordedExecution')),
      retrievedAt: instant(),
    },
    { expiresAt: day(), treatmentEnd: day() },
  ),
  PrescriberInformed: obj({ at: instant(), channel: oneOf(AGREEMENT_CHANNELS) }),
});

export { AGREEMENT_CHANNELS };
