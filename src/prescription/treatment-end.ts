import { addDays } from '../core/clock/calendar';
import type { PrescriptionLine } from './teleservice/teleservice.types';

/**
 * The day a line's treatment ends: its prescription date plus `durationDays` × (1 + `renewals`). This is
 * Comptoir's reading for R.5123-2-1 (« la durée de validité de l'ordonnance ») and « chevauchement
 * interdit » (R.5132-33), rather than the teleservice's record expiry (12 months by default): the texts
 * leave it open, so it is kept here, in one place, documented in docs/reconciliation.md.
 */
export function treatmentEnd(createdAt: string, line: Pick<PrescriptionLine, 'durationDays' | 'renewals'>) {
  const days = (line.durationDays ?? 0) * (1 + (line.renewals ?? 0));
  return addDays(createdAt.slice(0, 10), days);
}

/** The prescription's `treatmentEnd` (API.md): the latest of its lines'. */
export function prescriptionTreatmentEnd(p: { createdAt: string; lines: PrescriptionLine[] }): string {
  return p.lines
    .map((l) => treatmentEnd(p.createdAt, l))
    .reduce((a, b) => (b > a ? b : a), p.createdAt.slice(0, 10));
}
