import type { Prescription, PrescriptionLine, RecordedExecution } from './teleservice/teleservice.types';

export interface DeliveryElsewhere {
  pharmacy: RecordedExecution['pharmacy'];
  date: string;
  quantity: number;
}

export interface PrescriptionLineView extends PrescriptionLine {
  /** Boxes already delivered on this line by this pharmacy, over every execution not cancelled. */
  deliveredHere: number;
  deliveredElsewhere: DeliveryElsewhere[];
}

export interface PrescriptionView extends Omit<Prescription, 'lines'> {
  lines: PrescriptionLineView[];
  retrievedAt: string;
}

function samePharmacy(p: RecordedExecution['pharmacy'], finess: string): boolean {
  return p.finess === finess;
}

/** API.md's prescription: each line with what was already delivered, here and elsewhere. */
export function toPrescriptionView(p: Prescription, ownFiness: string, retrievedAt: Date): PrescriptionView {
  const deliveries = p.executions.filter((e) => e.kind === 'execution' && !e.cancelled);
  const lines = p.lines.map((line) => {
    let deliveredHere = 0;
    const deliveredElsewhere: DeliveryElsewhere[] = [];
    for (const e of deliveries) {
      const quantity = e.lines.filter((l) => l.lineId === line.lineId).reduce((n, l) => n + l.quantity, 0);
      if (quantity === 0) continue;
      if (samePharmacy(e.pharmacy, ownFiness)) deliveredHere += quantity;
      else deliveredElsewhere.push({ pharmacy: e.pharmacy, date: e.date, quantity });
    }
    return { ...line, deliveredHere, deliveredElsewhere };
  });
  return { ...p, lines, retrievedAt: retrievedAt.toISOString() };
}
