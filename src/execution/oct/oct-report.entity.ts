import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OctReport } from './oct-report';

/**
 * `sending`: claimed by an instance, leased until `nextAttemptAt` (docs/data.md § Several instances); the
 * API shows it as `queued`.
 */
export type OctDeliveryStatus = 'queued' | 'sending' | 'delivered' | 'failed';

/**
 * An execution report owed to the complementary insurers (« continuité de service OCT »), written in the
 * transaction that records the execution's acknowledgement and delivered by the OCT adapter from here,
 * retried with backoff (docs/execution.md § OCT reports).
 */
@Entity('oct_reports')
@Index('IDX_oct_reports_status_next', ['status', 'nextAttemptAt'])
export class OctReportEntity {
  /** The report's id: the execution's (one report per acknowledged execution). */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @Column({ type: 'varchar', length: 64 })
  prescriptionId: string;

  /** The report as built at the acknowledgement; frozen, every delivery sends exactly this. */
  @Column({ type: 'simple-json' })
  report: OctReport;

  @Column({ type: 'varchar', length: 16 })
  status: OctDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: Date })
  nextAttemptAt: Date;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  deliveredAt: Date | null;
}
