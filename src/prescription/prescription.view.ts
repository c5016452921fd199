import { prescriptionTreatmentEnd } from './treatment-end';
import type {
  Prescription,
  PrescriptionLine,
  PrescriptionStatus,
  RecordedExecution,
} from './teleservice/teleservice.types';

export interface DeliveryElsewhere {
  pharmacy: RecordedExecution['pharmacy'];
  date: string;
  quantity: number;
}

export interface PrescriptionLineView extends PrescriptionLine {
  /** Boxes already delivered on this line by this pharmacy, over every execution not cancelled. */
  deliveredHere: number;
  /** When this pharmacy delivered them (extension: `deliveredHere` by date). */
  deliveredHereOn: { date: string; quantity: number }[];
  deliveredElsewhere: DeliveryElsewhere[];
}

export interface PrescriptionView extends Omit<Prescription, 'lines'> {
  lines: PrescriptionLineView[];
  /** Its date plus the prescribed durations, renewals included (the latest line's; treatment-end.ts). */
  treatmentEnd: string;
  retrievedAt: string;
  /** `transcription`: built from the QR and the paper in degraded mode, not read from the teleservice. */
  source?: 'teleservice' | 'transcription';
}

function samePharmacy(p: RecordedExecution['pharmacy'], finess: string): boolean {
  return p.finess === finess;
}

/** Executions that delivered something and still count (not cancelled). */
export function liveDeliveries(p: Pick<Prescription, 'executions'>): RecordedExecution[] {
  return p.executions.filter((e) => e.kind === 'execution' && !e.cancelled);
}

/**
 * API.md's status: the teleservice's, with `partially-executed` told apart from `open` by the deliveries
 * already recorded (a 1.0 teleservice only says `open`).
 */
export function statusOf(p: Pick<Prescription, 'status' | 'executions'>): PrescriptionStatus {
  if (p.status !== 'open') return p.status;
  return liveDeliveries(p).some((e) => e.lines.some((l) => l.quantity > 0)) ? 'partially-executed' : 'open';
}

/** API.md's prescription: each line with what was already delivered, here and elsewhere. */
export function toPrescriptionView(p: Prescription, ownFiness: string, retrievedAt: Date): PrescriptionView {
  const deliveries = liveDeliveries(p);
  const lines = p.lines.map((line) => {
    let deliveredHere = 0;
    const deliveredHereOn: { date: string; quantity: number }[] = [];
    const deliveredElsewhere: DeliveryElsewhere[] = [];
    for (const e of deliveries) {
      const quantity = e.lines.filter((l) => l.lineId === line.lineId).reduce((n, l) => n + l.quantity, 0);
      if (quantity === 0) continue;
      if (samePharmacy(e.pharmacy, ownFiness)) {
        deliveredHere += quantity;
        deliveredHereOn.push({ date: e.date, quantity });
      } else deliveredElsewhere.push({ pharmacy: e.pharmacy, date: e.date, quantity });
    }
    return { ...line, deliveredHere, deliveredHereOn, deliveredElsewhere };
  });
  return {
    ...p,
    status: statusOf(p),
    lines,
    treatmentEnd: prescriptionTreatmentEnd(p),
    retrievedAt: retrievedAt.toISOString(),
  };
}
