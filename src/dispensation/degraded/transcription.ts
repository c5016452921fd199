import { PrescriptionView, toPrescriptionView } from '../../prescription/prescription.view';
import type {
  Patient,
  Prescriber,
  Prescription,
  PrescriptionLine,
} from '../../prescription/teleservice/teleservice.types';

/**
 * Where the comparison of a paper transcription with the teleservice's prescription stands: `pending`
 * (not retrieved yet), `equal` (the held execution was queued), `differs` (TRANSCRIPTION_DIFFERS until the
 * pharmacist confirms), `confirmed`.
 */
export type TranscriptionState = 'pending' | 'equal' | 'differs' | 'confirmed';

/**
 * A dispensation opened without the teleservice (API.md § Dispensations, degraded mode): the QR's identity
 * data, the paper's lines as the pharmacist transcribed them, and the comparison once the teleservice
 * answers again.
 */
export interface Transcription {
  /** From the QR code. */
  patient: Patient;
  prescriber: Prescriber;
  /** The paper's date; the day the dispensation opened until the pharmacist gives it. */
  createdAt: string;
  lines: PrescriptionLine[];
  state: TranscriptionState;
  /** What differs, one entry per field: `lineId.field: transcribed ≠ teleservice`. */
  differences?: string[];
  comparedAt?: string;
  confirmed?: { by: string; at: string; comment?: string };
  /** The last attempt to retrieve the prescription, and why it failed. */
  lastTryAt?: string;
  lastError?: string;
}

/**
 * The prescription a degraded dispensation works on: the paper's lines, with the teleservice's copy (its
 * status, executions, INS) once it was retrieved.
 */
export function transcribedView(
  prescriptionId: string,
  t: Transcription,
  retrieved: PrescriptionView | undefined,
  ownFiness: string,
  openedAt: Date,
): PrescriptionView {
  const base: Prescription = retrieved
    ? { ...retrieved, lines: t.lines }
    : {
        prescriptionId,
        createdAt: t.createdAt,
        status: 'open',
        prescriber: t.prescriber,
        patient: t.patient,
        consentExecutionView: true,
        lines: t.lines,
        executions: [],
      };
  const view = toPrescriptionView(base, ownFiness, retrieved ? new Date(retrieved.retrievedAt) : openedAt);
  return { ...view, source: 'transcription' };
}
