import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type OutboxKind = 'execution' | 'post-invoice' | 'cancellation';
/** `held`: validated in degraded mode, waiting for the prescription to be retrieved and compared. */
export type OutboxStatus = 'held' | 'queued' | 'sending' | 'acknowledged' | 'parked' | 'cancelled';

/**
 * A call owed to the teleservice, written in the same transaction as the act that owes it (validation,
 * invoicing, cancellation) and delivered in `sequence` order per prescription by the execution stage.
 */
@Entity('outbox_executions')
// One live call per number: a call cancelled unsent gives its number to the cancellation sent instead
// (API.md: a parked call never recorded is replaced by a cancellation with the same sequence).
@Index('UQ_outbox_prescription_sequence', ['pharmacyId', 'prescriptionId', 'sequence'], {
  unique: true,
  where: `"status" <> 'cancelled'`,
})
@Index('IDX_outbox_status_next', ['status', 'nextAttemptAt'])
export class OutboxExecutionEntity {
  /** The pharmacy the row belongs to (docs/data.md § Many pharmacies). */
  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  /** The executionId of API.md. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  prescriptionId: string;

  /** Per prescription and per executing pharmacy, from 1, shared by every kind (API.md). */
  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'varchar', length: 16 })
  kind: OutboxKind;

  @Column({ type: 'varchar', length: 36, nullable: true })
  dispensationId: string | null;

  /** For a cancellation: the sequence of the call it cancels (its own number when that was never recorded). */
  @Column({ type: 'integer', nullable: true })
  cancels: number | null;

  /** The call's body as the teleservice port takes it; frozen once written. */
  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16 })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** The instance sending it (status `sending`); its rows go back to `queued` once it stops beating. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  claimedBy: string | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The teleservice's acknowledgement, stored before the row is marked acknowledged. */
  @Column({ type: 'simple-json', nullable: true })
  acknowledgement: Record<string, unknown> | null;

  @Column({ type: Date, nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: Date })
  nextAttemptAt: Date;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
