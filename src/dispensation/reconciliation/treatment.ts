import { addDays } from '../../core/clock/calendar';
import type { PrescriptionLineView, PrescriptionView } from '../../prescription/prescription.view';

// The length of a treatment, in one place: the twelve-month cap, the deliveries a line allows, the day its
// treatment ends, and the deliveries already made on it.

/** Twelve months of treatment, renewals included (CSP R.5132-21). */
export const TREATMENT_CAP_DAYS = 365;

/** Deliveries a line allows: the first plus its renewals, within twelve months of treatment (R.5132-21). */
export function deliveriesAllowed(line: PrescriptionLineView): number {
  const n = 1 + (line.renewals ?? 0);
  const d = line.durationDays;
  return d ? Math.max(1, Math.min(n, Math.floor(TREATMENT_CAP_DAYS / d))) : n;
}

/** Length of the whole treatment, renewals included (L.5125-23 counts them). */
export function treatmentDays(line: PrescriptionLineView): number | undefined {
  return line.durationDays ? line.durationDays * deliveriesAllowed(line) : undefined;
}

export { treatmentEnd } from '../../prescription/treatment-end';

/** Units prescribed per delivery: `quantity.units`, or posology × duration. */
export function unitsPerDelivery(line: PrescriptionLineView): number | undefined {
  const upd = line.posology.unitsPerDay;
  return line.quantity?.units ?? (upd && line.durationDays ? upd * line.durationDays : undefined);
}

/** Days of treatment one box covers on a line, when the posology or the duration tells. */
export function daysPerBox(line: PrescriptionLineView, unitsPerBox?: number): number | undefined {
  const upd = line.posology.unitsPerDay;
  if (upd && unitsPerBox) return unitsPerBox / upd;
  if (line.quantity?.boxes && line.durationDays) return line.durationDays / line.quantity.boxes;
  const units = unitsPerDelivery(line);
  return units && unitsPerBox && line.durationDays ? (unitsPerBox * line.durationDays) / units : undefined;
}

export interface Delivery {
  date: string;
  boxes: number;
}

/** Earlier deliveries of a line: executions not cancelled, by any pharmacy, oldest first. */
export function priorDeliveries(p: PrescriptionView, lineId: string): Delivery[] {
  return p.executions
    .filter((e) => e.kind === 'execution' && !e.cancelled)
    .map((e) => ({
      date: e.date.slice(0, 10),
      boxes: e.lines.filter((l) => l.lineId === lineId).reduce((n, l) => n + l.quantity, 0),
    }))
    .filter((d) => d.boxes > 0)
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** The day what was delivered runs out: each delivery starts when made or when the previous one ends. */
export function coveredUntil(deliveries: Delivery[], perBox: number): string | undefined {
  let end: string | undefined;
  for (const d of deliveries) {
    const start = end && end > d.date ? end : d.date;
    end = addDays(start, Math.floor(d.boxes * perBox));
  }
  return end;
}
