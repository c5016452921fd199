/**
 * Teleservice domain types: plain JSON shapes (dates `YYYY-MM-DD`, instants ISO 8601), the same names as
 * API.md's sandbox seed. Nothing here knows SOAP; the wire mapping lives in `soap/`.
 */

export type LineKind = 'medication' | 'device' | 'magistral';
export type NonSubstitutableMention = 'MTE' | 'EFG' | 'CIF';
export type ConditionalTest = 'trod-angine' | 'bu-cystite';
export type ProfessionalRole = 'pharmacien' | 'preparateur';
/** Contract 1.1 adds `partially-executed` and `cancelled` (docs/teleservice.md § Versioning). */
export type PrescriptionStatus = 'open' | 'partially-executed' | 'fully-executed' | 'expired' | 'cancelled';
export type ExecutionKind = 'execution' | 'post-invoice' | 'cancellation';
export type RenewalKind = 'correspondent-renewal' | 'posology-adjustment' | 'exceptional-dispensation';
export type NonDeliveryReason =
  'out-of-stock' | 'refused-by-patient' | 'not-needed' | 'condition-not-met' | 'other';
export type AgreementChannel = 'phone' | 'secure-messaging' | 'in-person' | 'other';

export interface CommonNameProduct {
  substance: string;
  strength?: string;
  form?: string;
}

/** A medication names cis, cip13 or dc; a device lpp and/or code (ACL13/EAN-13); a magistral its label. */
export interface PrescribedProduct {
  cis?: string;
  cip13?: string;
  dc?: CommonNameProduct;
  lpp?: string;
  code?: string;
  label?: string;
}

export interface Posology {
  text: string;
  unitsPerDay?: number;
}

export interface PrescribedQuantity {
  boxes?: number;
  units?: number;
}

export interface ConditionalPrescription {
  test: ConditionalTest;
  validityDays?: number;
}

/** `quantity` and `durationDays` are per delivery; `renewals` counts further deliveries. */
export interface PrescriptionLine {
  lineId: string;
  kind: LineKind;
  product: PrescribedProduct;
  posology: Posology;
  quantity?: PrescribedQuantity;
  durationDays?: number;
  renewals?: number;
  nonSubstitutable?: NonSubstitutableMention;
  /** « délivrance en une seule fois »: the prescriber lifts a CPD's split delivery (R.5132-30). */
  singleDelivery?: boolean;
  /** The prescriber's express mention allowing an overlap where the CPD says « chevauchement interdit ». */
  overlapAllowed?: boolean;
  ald?: boolean;
  secure?: boolean;
  exception?: boolean;
  conditional?: ConditionalPrescription;
  pharmacistRenewalAuthorized?: boolean;
  posologyAdjustmentAuthorized?: boolean;
}

export interface Prescriber {
  rpps: string;
  am?: string;
  finess?: string;
  replacementRpps?: string;
  lastName?: string;
  firstName?: string;
  specialty?: string;
}

export interface PatientIns {
  matricule: string;
  oid: string;
}

/** `ins` only when the identity is qualified. */
export interface Patient {
  lastName: string;
  firstName: string;
  birthDate: string;
  ins?: PatientIns;
}

export interface PharmacyRef {
  finess?: string;
  am?: string;
  name?: string;
}

/** Boxes delivered on one prescription line by one execution. */
export interface DeliveredLine {
  lineId: string;
  quantity: number;
}

/** An execution-kind call already recorded by the teleservice, by this pharmacy or another one. */
export interface RecordedExecution {
  pharmacy: PharmacyRef;
  sequence: number;
  kind: ExecutionKind;
  /** Dispensing date for an execution, the call's day for the other kinds. */
  date: string;
  receivedAt: string;
  cancelled: boolean;
  lines: DeliveredLine[];
}

export interface Prescription {
  prescriptionId: string;
  createdAt: string;
  expiresAt?: string;
  status: PrescriptionStatus;
  prescriber: Prescriber;
  patient: Patient;
  consentExecutionView: boolean;
  lines: PrescriptionLine[];
  executions: RecordedExecution[];
}

export interface DeliveredProduct {
  cip13?: string;
  code?: string;
  cis?: string;
  label?: string;
  /** Boxes (or units for a product sold by unit). */
  quantity: number;
  lot?: string;
  expiry?: string;
  serial?: string;
  /** Units handed over from a box cut to give the exact number (R.5132-33). */
  units?: number;
  /** Price of one box (or unit) as invoiced, in cents; mandatory for the teleservice on a delivered product. */
  unitPriceCents?: number;
  /** Assurance Maladie reimbursement rate in percent (0 when not reimbursed); mandatory likewise. */
  reimbursementRate?: number;
}

export interface Substitution {
  substituted: boolean;
  patientRefusedGeneric?: boolean;
  mtePh?: boolean;
  reason?: string;
}

export interface PrescriberAgreement {
  obtained: boolean;
  at: string;
  channel: AgreementChannel;
}

/** SFPC codes (FHIR code systems of `shared/data/sfpc`). */
export interface Intervention {
  problemCode: string;
  interventionCode: string;
  outcome?: string;
  prescriberAgreement?: PrescriberAgreement;
  comment?: string;
}

export type TestFinding = 'positive' | 'negative';

export interface ConditionalResult {
  test: ConditionalTest;
  result: 'positive' | 'negative';
  performedAt: string;
  /** BU cystite: what the strip showed; the pharmacist's `result` decides (RULES.md § Conditional). */
  findings?: { nitrites: TestFinding; leucocytes: TestFinding };
}

/**
 * The intervention the Assurance Maladie asks for on an ON for an exceptional supplementary dispensation
 * (R.5123-2-1): « modification », motif « renouvellement », « situations particulières de renouvellement
 * exceptionnel ou réglementaire ».
 */
export interface AmIntervention {
  type: 'modification';
  motive: 'renouvellement';
  situation: 'situations particulières de renouvellement exceptionnel ou réglementaire';
}

export interface LineRenewal {
  kind: RenewalKind;
  posology?: string;
  comment?: string;
  /** R.5123-2-1: « dispensation supplémentaire exceptionnelle ». */
  mention?: string;
  /** Days this exceptional delivery covers (one month at most). */
  durationDays?: number;
  amIntervention?: AmIntervention;
}

/** The prescriber informed of an MTE-PH choice or an exceptional dispensation (by secure messaging). */
export interface PrescriberInformed {
  at: string;
  channel: AgreementChannel;
}

/** A blocking issue a pharmacien overrode, and why (RULES.md § Substitution: the execution carries it). */
export interface ExecutionOverride {
  code: string;
  reason: string;
  by: string;
  at: string;
  /** The intervention recorded as the why (its SFPC codes), when there is one. */
  intervention?: Intervention;
}

/** Which delivery of the line this is: the period it starts or completes (RULES.md § Other acts). */
export interface LineDelivery {
  renewalNumber: number;
  /** Completes a partial (or fractionated) delivery: same renewal number, not the next renewal. */
  complement: boolean;
  /** An exceptional supplementary dispensation beyond the prescribed deliveries (R.5123-2-1). */
  exceptional?: boolean;
}

export interface NonDelivery {
  reason: NonDeliveryReason;
  comment?: string;
}

export interface ExecutionLine {
  lineId: string;
  products: DeliveredProduct[];
  substitution?: Substitution;
  interventions?: Intervention[];
  conditional?: ConditionalResult;
  renewal?: LineRenewal;
  nonDelivery?: NonDelivery;
  comment?: string;
  /** Which delivery of the line this is (renewal number, or the complement of a partial one). */
  delivery?: LineDelivery;
  /** Every override of the line's issues, with its why. */
  overrides?: ExecutionOverride[];
  prescriberInformed?: PrescriberInformed;
}

/** The prescriber as the execution names them: RPPS, and the AM number or FINESS of their practice. */
export interface ExecutionPrescriber {
  rpps: string;
  am?: string;
  finess?: string;
}

export interface ExecutingPharmacist {
  rpps: string;
  role: ProfessionalRole;
}

/** What one execution call carries: the dispensation as validated at the counter. */
export interface ExecutionPayload {
  dispensingDate: string;
  /** 0 for the first delivery, n for the n-th renewal. */
  renewalNumber: number;
  pharmacist: ExecutingPharmacist;
  /** Filled from the client identity when absent. */
  pharmacy?: PharmacyRef;
  consentExecutionView?: boolean;
  /** The patient's INS when the identity is qualified (matricule + OID), as the prescription carried it. */
  patientIns?: PatientIns;
  lines: ExecutionLine[];
  /** Overrides of the dispensation's own issues (QR_DATA_MISMATCH…). */
  overrides?: ExecutionOverride[];
  /** Contract 1.1; mandatory for the teleservice (« obligation de transmission du RPPS du prescripteur »). */
  prescriber?: ExecutionPrescriber;
}

export interface InvoiceUpdate {
  /** Sequence of the execution this invoice covers. */
  executionSequence: number;
  fseNumber: string;
  billingNumber?: string;
  invoicedAt: string;
  amountCents?: number;
}

export interface Cancellation {
  executionSequence: number;
  reason: string;
}

/** The teleservice's receipt; a replay of the same sequence and payload returns the original one. */
export interface Acknowledgement {
  prescriptionId: string;
  sequence: number;
  kind: ExecutionKind;
  acknowledgementId: string;
  receivedAt: string;
}

/** Traits read from the QR code, checked by the teleservice against the prescription (anti-fraud). */
export interface QrTraits {
  lastName: string;
  firstName: string;
  birthDate: string;
  prescriberRpps?: string;
  prescriberAm?: string;
}

export interface ConsultContext {
  purpose?: 'dispensation' | 'consultation';
  qr?: QrTraits;
}

export interface SearchCriteria {
  patientIns?: string;
  /** Contract 1.1: the NIR of a Carte Vitale holder (13 characters, or 15 with the key). */
  patientNir?: string;
  patientLastName?: string;
  patientFirstName?: string;
  patientBirthDate?: string;
  prescriberRpps?: string;
  createdFrom?: string;
  createdTo?: string;
  status?: PrescriptionStatus;
  limit?: number;
}

export interface PrescriptionSummary {
  prescriptionId: string;
  createdAt: string;
  status: PrescriptionStatus;
  prescriberRpps: string;
  lineCount: number;
}

export interface TeleserviceHealth {
  status: 'up' | 'down' | 'circuit-open';
  latencyMs?: number;
  detail?: string;
}

/** API.md sandbox seed: ids optional (generated), everything but kind, product and posology.text optional. */
export interface PrescriptionSeed {
  prescriptionId?: string;
  /** Defaults to the sandbox's today. */
  createdAt?: string;
  /** Sandbox extension; defaults to createdAt + 12 months (R.5132-21 cap). */
  expiresAt?: string;
  prescriber: Prescriber;
  patient: Patient;
  consentExecutionView?: boolean;
  lines: Array<Omit<PrescriptionLine, 'lineId'> & { lineId?: string }>;
}
