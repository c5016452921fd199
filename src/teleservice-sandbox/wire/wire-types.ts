import { list, obj, opt, scalar, str, TypeSpec } from './wire-schema';

/**
 * The sandbox's view of the contract's data model as one table: element order, types, optionality, enums
 * and patterns. The sandbox's XML mapper reads and writes with it, and `xsd-render.ts` renders it as an XSD
 * that a spec compares with the contract's `eprescription-v1.xsd`, so the sandbox cannot drift from the
 * contract. Comptoir's client does not use it: it is built by node-soap from the WSDL.
 */

const RPPS = '[0-9]{11}';
const NINE_DIGITS = '[0-9]{9}';
const PRESCRIPTION_ID = '[A-Za-z0-9]{1,64}';
// Contract 1.1 added partially-executed and cancelled (docs/teleservice.md § Versioning).
const STATUS = ['open', 'partially-executed', 'fully-executed', 'expired', 'cancelled'] as const;
const KIND = ['execution', 'post-invoice', 'cancellation'] as const;
const TESTS = ['trod-angine', 'bu-cystite'] as const;
const FINDING = ['positive', 'negative'] as const;
const CHANNEL = ['phone', 'secure-messaging', 'in-person', 'other'] as const;
const NIR = '[0-9]{5}([0-9]{2}|2A|2B)[0-9]{6}([0-9]{2})?';

export const TYPES: Record<string, TypeSpec> = {
  Prescriber: {
    fields: [
      str('rpps', { pattern: RPPS }),
      opt('am', { pattern: NINE_DIGITS }),
      opt('finess', { pattern: NINE_DIGITS }),
      opt('replacementRpps', { pattern: RPPS }),
      opt('lastName'),
      opt('firstName'),
      opt('specialty'),
    ],
  },
  PatientIns: { fields: [str('matricule', { pattern: '[0-9A-Z]{13,15}' }), str('oid')] },
  Patient: {
    doc: 'ins only when the identity is qualified.',
    fields: [str('lastName'), str('firstName'), scalar('birthDate', 'date'), obj('ins', 'PatientIns', true)],
  },
  CommonNameProduct: { fields: [str('substance'), opt('strength'), opt('form')] },
  PrescribedProduct: {
    doc: 'Medication: cis, cip13 or dc. Device: lpp and/or code (ACL13, EAN-13). Magistral: label.',
    fields: [
      opt('cis', { pattern: '[0-9]{8}' }),
      opt('cip13', { pattern: '[0-9]{13}' }),
      obj('dc', 'CommonNameProduct', true),
      opt('lpp'),
      opt('code'),
      opt('label'),
    ],
  },
  Posology: { fields: [str('text'), scalar('unitsPerDay', 'decimal', { optional: true, min: 0 })] },
  PrescribedQuantity: {
    fields: [
      scalar('boxes', 'int', { optional: true, min: 0 }),
      scalar('units', 'decimal', { optional: true, min: 0 }),
    ],
  },
  ConditionalPrescription: {
    fields: [str('test', { enum: TESTS }), scalar('validityDays', 'int', { optional: true, min: 1 })],
  },
  PrescriptionLine: {
    doc: 'quantity and durationDays are per delivery; renewals counts further deliveries.',
    fields: [
      str('lineId'),
      str('kind', { enum: ['medication', 'device', 'magistral'] }),
      obj('product', 'PrescribedProduct'),
      obj('posology', 'Posology'),
      obj('quantity', 'PrescribedQuantity', true),
      scalar('durationDays', 'int', { optional: true, min: 1 }),
      scalar('renewals', 'int', { optional: true, min: 0 }),
      opt('nonSubstitutable', { enum: ['MTE', 'EFG', 'CIF'] }),
      scalar('ald', 'boolean', { optional: true }),
      scalar('secure', 'boolean', { optional: true }),
      scalar('exception', 'boolean', { optional: true }),
      obj('conditional', 'ConditionalPrescription', true),
      scalar('pharmacistRenewalAuthorized', 'boolean', { optional: true }),
      scalar('posologyAdjustmentAuthorized', 'boolean', { optional: true }),
      scalar('singleDelivery', 'boolean', { optional: true }),
      scalar('overlapAllowed', 'boolean', { optional: true }),
    ],
  },
  PharmacyRef: {
    fields: [opt('finess', { pattern: NINE_DIGITS }), opt('am', { pattern: NINE_DIGITS }), opt('name')],
  },
  DeliveredLine: { fields: [str('lineId'), scalar('quantity', 'decimal', { min: 0 })] },
  RecordedExecution: {
    doc: 'An execution-kind call recorded by any pharmacy; lines only for kind execution.',
    fields: [
      obj('pharmacy', 'PharmacyRef'),
      scalar('sequence', 'int', { min: 1 }),
      str('kind', { enum: KIND }),
      scalar('date', 'date'),
      scalar('receivedAt', 'dateTime'),
      scalar('cancelled', 'boolean'),
      list('lines', 'line', 'DeliveredLine'),
    ],
  },
  Prescription: {
    fields: [
      str('prescriptionId', { pattern: PRESCRIPTION_ID }),
      scalar('createdAt', 'date'),
      scalar('expiresAt', 'date', { optional: true }),
      str('status', { enum: STATUS }),
      obj('prescriber', 'Prescriber'),
      obj('patient', 'Patient'),
      scalar('consentExecutionView', 'boolean'),
      list('lines', 'line', 'PrescriptionLine'),
      list('executions', 'execution', 'RecordedExecution'),
    ],
  },
  DeliveredProduct: {
    fields: [
      opt('cip13', { pattern: '[0-9]{13}' }),
      opt('code'),
      opt('cis', { pattern: '[0-9]{8}' }),
      opt('label'),
      scalar('quantity', 'decimal', { min: 0 }),
      opt('lot'),
      scalar('expiry', 'date', { optional: true }),
      opt('serial'),
      scalar('units', 'decimal', { optional: true, min: 0 }),
      scalar('unitPriceCents', 'int', { optional: true, min: 0 }),
      scalar('reimbursementRate', 'int', { optional: true, min: 0, max: 100 }),
    ],
  },
  Substitution: {
    fields: [
      scalar('substituted', 'boolean'),
      scalar('patientRefusedGeneric', 'boolean', { optional: true }),
      scalar('mtePh', 'boolean', { optional: true }),
      opt('reason'),
    ],
  },
  PrescriberAgreement: {
    fields: [scalar('obtained', 'boolean'), scalar('at', 'dateTime'), str('channel', { enum: CHANNEL })],
  },
  Intervention: {
    doc: 'SFPC problem, intervention and outcome codes.',
    fields: [
      str('problemCode', { pattern: '[0-9]{1,2}(\\.[0-9]{1,2})?' }),
      str('interventionCode', { pattern: '[0-9]{1,2}(\\.[0-9]{1,2})?' }),
      opt('outcome'),
      obj('prescriberAgreement', 'PrescriberAgreement', true),
      opt('comment'),
    ],
  },
  TestFindings: {
    doc: "What a BU strip showed; the pharmacist's result decides.",
    fields: [str('nitrites', { enum: FINDING }), str('leucocytes', { enum: FINDING })],
  },
  ConditionalResult: {
    fields: [
      str('test', { enum: TESTS }),
      str('result', { enum: FINDING }),
      scalar('performedAt', 'dateTime'),
      obj('findings', 'TestFindings', true),
    ],
  },
  AmIntervention: {
    doc: 'The intervention the Assurance Maladie asks for on an exceptional supplementary dispensation (R.5123-2-1).',
    fields: [str('type'), str('motive'), str('situation')],
  },
  LineRenewal: {
    fields: [
      str('kind', { enum: ['correspondent-renewal', 'posology-adjustment', 'exceptional-dispensation'] }),
      opt('posology'),
      opt('comment'),
      opt('mention'),
      scalar('durationDays', 'int', { optional: true, min: 1 }),
      obj('amIntervention', 'AmIntervention', true),
    ],
  },
  NonDelivery: {
    fields: [
      str('reason', {
        enum: ['out-of-stock', 'refused-by-patient', 'not-needed', 'condition-not-met', 'other'],
      }),
      opt('comment'),
    ],
  },
  LineDelivery: {
    doc: 'Which delivery of the line: the renewal number it starts, or completes when a complement.',
    fields: [
      scalar('renewalNumber', 'int', { min: 0 }),
      scalar('complement', 'boolean'),
      scalar('exceptional', 'boolean', { optional: true }),
    ],
  },
  ExecutionOverride: {
    doc: 'A blocking issue a pharmacien overrode, and why.',
    fields: [
      str('code'),
      str('reason'),
      str('by', { pattern: RPPS }),
      scalar('at', 'dateTime'),
      obj('intervention', 'Intervention', true),
    ],
  },
  PrescriberInformed: {
    fields: [scalar('at', 'dateTime'), str('channel', { enum: CHANNEL })],
  },
  ExecutionLine: {
    fields: [
      str('lineId'),
      list('products', 'product', 'DeliveredProduct'),
      obj('substitution', 'Substitution', true),
      list('interventions', 'intervention', 'Intervention', true),
      obj('conditional', 'ConditionalResult', true),
      obj('renewal', 'LineRenewal', true),
      obj('nonDelivery', 'NonDelivery', true),
      opt('comment'),
      obj('delivery', 'LineDelivery', true),
      list('overrides', 'override', 'ExecutionOverride', true),
      obj('prescriberInformed', 'PrescriberInformed', true),
    ],
  },
  ExecutionPrescriber: {
    doc: 'The prescriber: RPPS, and the AM number or FINESS of the practice.',
    fields: [
      str('rpps', { pattern: RPPS }),
      opt('am', { pattern: NINE_DIGITS }),
      opt('finess', { pattern: NINE_DIGITS }),
    ],
  },
  ExecutingPharmacist: {
    fields: [str('rpps', { pattern: RPPS }), str('role', { enum: ['pharmacien', 'preparateur'] })],
  },
  ExecutionPayload: {
    doc: 'A structured mirror of the JSON execution validated at the counter.',
    fields: [
      scalar('dispensingDate', 'date'),
      scalar('renewalNumber', 'int', { min: 0 }),
      obj('pharmacist', 'ExecutingPharmacist'),
      obj('pharmacy', 'PharmacyRef'),
      scalar('consentExecutionView', 'boolean', { optional: true }),
      obj('patientIns', 'PatientIns', true),
      list('lines', 'line', 'ExecutionLine'),
      list('overrides', 'override', 'ExecutionOverride', true),
      obj('prescriber', 'ExecutionPrescriber', true),
    ],
  },
  InvoiceUpdate: {
    fields: [
      scalar('executionSequence', 'int', { min: 1 }),
      str('fseNumber'),
      opt('billingNumber'),
      scalar('invoicedAt', 'dateTime'),
      scalar('amountCents', 'int', { optional: true, min: 0 }),
    ],
  },
  Acknowledgement: {
    fields: [
      str('prescriptionId', { pattern: PRESCRIPTION_ID }),
      scalar('sequence', 'int', { min: 1 }),
      str('kind', { enum: KIND }),
      str('acknowledgementId'),
      scalar('receivedAt', 'dateTime'),
    ],
  },
  QrTraits: {
    fields: [
      str('lastName'),
      str('firstName'),
      scalar('birthDate', 'date'),
      opt('prescriberRpps', { pattern: RPPS }),
      opt('prescriberAm', { pattern: NINE_DIGITS }),
    ],
  },
  ConsultContext: {
    fields: [opt('purpose', { enum: ['dispensation', 'consultation'] }), obj('qr', 'QrTraits', true)],
  },
  SearchCriteria: {
    doc: 'At least one patient criterion or prescriberRpps.',
    fields: [
      opt('patientIns'),
      opt('patientLastName'),
      opt('patientFirstName'),
      scalar('patientBirthDate', 'date', { optional: true }),
      opt('prescriberRpps', { pattern: RPPS }),
      scalar('createdFrom', 'date', { optional: true }),
      scalar('createdTo', 'date', { optional: true }),
      opt('status', { enum: STATUS }),
      scalar('limit', 'int', { optional: true, min: 1, max: 100 }),
      opt('patientNir', { pattern: NIR }),
    ],
  },
  PrescriptionSummary: {
    fields: [
      str('prescriptionId', { pattern: PRESCRIPTION_ID }),
      scalar('createdAt', 'date'),
      str('status', { enum: STATUS }),
      str('prescriberRpps', { pattern: RPPS }),
      scalar('lineCount', 'int', { min: 0 }),
    ],
  },
  TeleserviceFault: {
    doc: 'Detail of every SOAP fault: a stable code, and whether the same call may succeed later.',
    fields: [
      str('code'),
      str('message'),
      scalar('retryable', 'boolean'),
      scalar('expectedSequence', 'int', { optional: true, min: 1 }),
      opt('reason'),
    ],
  },
};

const ID = str('prescriptionId', { pattern: PRESCRIPTION_ID });
const SEQ = scalar('sequence', 'int', { min: 1 });
const ACK = obj('accuse', 'Acknowledgement');

/** Global elements: one request and one response wrapper per operation, plus the fault detail. */
export const ELEMENTS: Record<string, TypeSpec> = {
  consulterPrescription: { fields: [ID, obj('contexte', 'ConsultContext', true)] },
  consulterPrescriptionResponse: { fields: [obj('prescription', 'Prescription')] },
  enregistrerExecution: { fields: [ID, SEQ, obj('execution', 'ExecutionPayload')] },
  enregistrerExecutionResponse: { fields: [ACK] },
  mettreAJourApresFacturation: { fields: [ID, SEQ, obj('fse', 'InvoiceUpdate')] },
  mettreAJourApresFacturationResponse: { fields: [ACK] },
  annulerExecution: {
    fields: [ID, SEQ, scalar('executionSequence', 'int', { min: 1 }), str('motif')],
  },
  annulerExecutionResponse: { fields: [ACK] },
  rechercherPrescriptions: { fields: [obj('criteres', 'SearchCriteria')] },
  rechercherPrescriptionsResponse: { fields: [list('resultats', 'prescription', 'PrescriptionSummary')] },
  teleserviceFault: TYPES.TeleserviceFault,
};

export function specOf(name: string): TypeSpec {
  const spec = TYPES[name] ?? ELEMENTS[name];
  if (!spec) throw new Error(`no wire type ${name}`);
  return spec;
}
