import type { FormMatch, MedicineProduct, Presentation, Speciality } from '../../medicines/medicines.types';
import type { PrescriptionLineView, PrescriptionView } from '../../prescription/prescription.view';
import type { ConditionalResult } from '../../prescription/teleservice/teleservice.types';
import type { Issue } from '../issue';

/** API.md `reconciliation.status`. */
export type ReconciliationStatus =
  'pending' | 'matched' | 'substituted' | 'partial' | 'over' | 'mismatch' | 'not-delivered' | 'blocked';

/** A prescription line with what the referential says of the product it names. */
export interface LineFacts {
  line: PrescriptionLineView;
  /** The prescribed speciality: the line's CIS, or the CIS of its CIP13. */
  speciality?: Speciality;
  /** The prescribed presentation, when the line names a CIP13. */
  presentation?: Presentation;
}

/** A box on the dispensation, with its referential product resolved (none for ACL13/EAN-13 codes). */
export interface PackFacts {
  packId: string;
  /** The line it is assigned to; undefined when it fits none. */
  lineId?: string;
  cip13?: string;
  /** ACL13 / EAN-13 read on a non-medicine box. */
  code?: string;
  /** `YYYY-MM-DD` (GS1 AI 17). */
  expiry?: string;
  lot?: string;
  serial?: string;
  /** Boxes. */
  quantity: number;
  /** Units handed over from a box cut to give the exact number (R.5132-33: a narcotic presented late). */
  units?: number;
  product?: MedicineProduct;
  /** How the pack's speciality answers each DC line (line id → form match); absent: it does not. */
  dcMatches: Record<string, FormMatch>;
  /** The same product code and serial is on another dispensation of this pharmacy. */
  serialSeenElsewhere?: boolean;
  /** False when its price or reimbursement rate is unknown (the execution must carry both). */
  priced?: boolean;
}

/** An item without a barcode (magistral preparation, device without code), in boxes or units as sold. */
export interface ManualDeliveryFacts {
  deliveryId: string;
  lineId: string;
  quantity: number;
  /** False when its price or reimbursement rate is unknown. */
  priced?: boolean;
}

/** The acts on a line the rules read (cancelled ones left out; the latest of a kind wins). */
export interface LineActFacts {
  conditional?: ConditionalResult & { findings?: { nitrites: boolean; leucocytes: boolean } };
  nonDelivery?: boolean;
  /** R.5123-2-1 accepted on the line: the days this delivery opens. */
  exceptionalDays?: number;
  /** Degraded mode: the pharmacist confirmed the transcribed paper is secure paper. */
  securePaperConfirmed?: boolean;
}

/** A pharmacien's override of a blocking issue, and why (RULES.md § Substitution, last point). */
export interface OverrideFacts {
  /** Null for an issue of the dispensation itself. */
  lineId: string | null;
  code: string;
  reason: string;
  by: string;
  at: string;
  /** The intervention recorded with it, when the why is an intervention. */
  interventionId?: string;
}

/** Another prescription of the same patient Comptoir knows (retrieved), for « chevauchement interdit ». */
export interface KnownPrescription {
  prescriptionId: string;
  createdAt: string;
  prescriberRpps: string;
  /** Per line: the active moieties prescribed and the day its treatment ends. */
  lines: { moieties: string[]; treatmentEnd: string }[];
}

export interface ReconciliationInput {
  prescription: PrescriptionView;
  /** The pharmacy's calendar day, `YYYY-MM-DD`. */
  dispensingDate: string;
  /** The pharmacy's time zone (the day a test was performed is the pharmacy's day). */
  timeZone: string;
  lines: LineFacts[];
  /** In the order they were added (the second scan of a serial is the duplicate). */
  packs: PackFacts[];
  manualDeliveries: ManualDeliveryFacts[];
  /** Presentations of every CIS prescribed or delivered, by CIS (large and smaller packs are looked for). */
  presentations: Record<string, Presentation[]>;
  /** Acts by line id. */
  acts?: Record<string, LineActFacts>;
  overrides?: OverrideFacts[];
  /** Issues of the dispensation found outside the rules (QR_DATA_MISMATCH, PATIENT_MISMATCH). */
  dispensationIssues?: Issue[];
  /** Degraded mode: the lines were transcribed from paper (a secure-prescription product asks for it). */
  transcribed?: boolean;
  /**
   * The patient's other prescriptions Comptoir has retrieved; undefined when no line needs them (no
   * « chevauchement interdit » product).
   */
  otherPrescriptions?: KnownPrescription[];
}

export interface LineReconciliation {
  status: ReconciliationStatus;
  expectedBoxes: number | null;
  dispensedBoxes: number;
  remainingBoxes: number | null;
  substitution: boolean;
  issues: Issue[];
  /**
   * The delivery this is on the line: `renewalNumber` 0 for the first period, n for the n-th renewal; a
   * `complement` finishes a partial (or fractionated) delivery and keeps its number (RULES.md § Other acts).
   */
  delivery?: { renewalNumber: number; complement: boolean; exceptional?: boolean };
}

export interface ReconciliationResult {
  lines: Record<string, LineReconciliation>;
  /** Issues of the dispensation: packs that fit no line, and those found outside the rules. */
  issues: Issue[];
  /** The renewal number of this execution: the highest period a line starts or completes now. */
  renewalNumber: number;
}
