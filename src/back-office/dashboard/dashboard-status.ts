import type { PharmacyConfig } from '../../core/config/config.schema';
import type { DispensationStatus } from '../../dispensation/dispensation.entity';
import type { RecordedExecution } from '../../prescription/teleservice/teleservice.types';

export const DASHBOARD_STATUSES = [
  'retrieved',
  'in-dispensation',
  'validated',
  'acknowledged',
  'invoiced',
  'rejected',
  'parked',
] as const;
export type DashboardStatus = (typeof DASHBOARD_STATUSES)[number];

/** What the dashboard knows of one prescription, from every stage's tables. */
export interface PrescriptionFacts {
  /** An outbox call of the prescription (any kind) is parked. */
  parked: boolean;
  /** A rejection of one of its invoices is `new` or `in-progress`. */
  openRejection: boolean;
  /** The status of its latest dispensation that is not cancelled (renewals make several). */
  latestDispensation?: DispensationStatus;
}

/**
 * One status per prescription (docs/back-office.md § Dashboard), first that applies: parked > rejected >
 * the latest dispensation's (invoiced > acknowledged > validated > in-dispensation) > retrieved.
 */
export function prescriptionStatus(f: PrescriptionFacts): DashboardStatus {
  if (f.parked) return 'parked';
  if (f.openRejection) return 'rejected';
  switch (f.latestDispensation) {
    case 'invoiced':
    case 'rejected': // every rejection resolved: back to invoiced
      return 'invoiced';
    case 'acknowledged':
      return 'acknowledged';
    case 'validated':
      return 'validated';
    case 'open':
      return 'in-dispensation';
    default:
      return 'retrieved';
  }
}

/** Whether an execution recorded on the prescription is this pharmacy's (FINESS, else AM number). */
export function isOwnPharmacy(
  p: RecordedExecution['pharmacy'],
  own: Pick<PharmacyConfig, 'finess' | 'am'>,
): boolean {
  if (p.finess) return p.finess === own.finess;
  if (p.am && own.am) return p.am === own.am;
  return false;
}

/** Deliveries (executions not cancelled) another pharmacy recorded, as of the last retrieval. */
export function executionsElsewhere(
  executions: readonly RecordedExecution[] | undefined,
  own: Pick<PharmacyConfig, 'finess' | 'am'>,
): number {
  return (executions ?? []).filter(
    (e) => e.kind === 'execution' && !e.cancelled && !isOwnPharmacy(e.pharmacy, own),
  ).length;
}
