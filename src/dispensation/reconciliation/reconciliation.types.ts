import type { FormMatch, MedicineProduct, Presentation, Speciality } from '../../medicines/medicines.types';
import type { PrescriptionLineView, PrescriptionView } from '../../prescription/prescription.view';
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
  product?: MedicineProduct;
  /** How the pack's speciality answers each DC line (line id → form match); absent: it does not. */
  dcMatches: Record<string, FormMatch>;
  /** The same product code and serial is on another dispensation of this pharmacy. */
  serialSeenElsewhere?: boolean;
}

/** An item without a barcode (magistral preparation, device without code), in boxes or units as sold. */
export interface ManualDeliveryFacts {
  deliveryId: string;
  lineId: string;
  quantity: number;
}

export interface ReconciliationInput {
  prescription: PrescriptionView;
  /** The pharmacy's calendar day, `YYYY-MM-DD`. */
  dispensingDate: string;
  lines: LineFacts[];
  /** In the order they were added (the second scan of a serial is the duplicate). */
  packs: PackFacts[];
  manualDeliveries: ManualDeliveryFacts[];
  /** Presentations of every CIS prescribed or delivered, by CIS (the large-pack rule looks for one). */
  presentations: Record<string, Presentation[]>;
}

export interface LineReconciliation {
  status: ReconciliationStatus;
  expectedBoxes: number | null;
  dispensedBoxes: number;
  remainingBoxes: number | null;
  substitution: boolean;
  issues: Issue[];
}

export interface ReconciliationResult {
  lines: Record<string, LineReconciliation>;
  /** Issues of packs that fit no line. */
  issues: Issue[];
}
