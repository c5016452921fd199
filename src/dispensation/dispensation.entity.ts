import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Operator } from '../core/terminals/terminals.service';
import type { PatientIns } from '../prescription/teleservice/teleservice.types';
import type { Issue } from './issue';
import type { Transcription } from './degraded/transcription';

export type DispensationStatus =
  'open' | 'validated' | 'acknowledged' | 'invoiced' | 'rejected' | 'cancelled' | 'abandoned' | 'paper';

/** How a dispensation ended without (or after) its execution: abandoned, cancelled, turned to paper. */
export interface Closure {
  status: 'abandoned' | 'cancelled' | 'paper';
  reason: string;
  /** RPPS of who closed it (none when Comptoir did: the degraded window passed). */
  by?: string;
  at: string;
  /** For a cancellation: the outbox call that cancels its execution. */
  cancellationId?: string;
}

/** One counter session on one prescription (API.md § Dispensations). */
@Entity('dispensations')
@Index('IDX_dispensations_prescription_status', ['pharmacyId', 'prescriptionId', 'status'])
@Index('IDX_dispensations_terminal_status', ['terminalId', 'status'])
export class DispensationEntity {
  /** The pharmacy the row belongs to (docs/data.md § Many pharmacies). */
  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  prescriptionId: string;

  @Column({ type: 'varchar', length: 64 })
  terminalId: string;

  @Column({ type: 'varchar', length: 16 })
  status: DispensationStatus;

  /** 0 for the first delivery of the prescription, n for the n-th renewal. */
  @Column({ type: 'integer' })
  renewalNumber: number;

  @Column({ type: 'simple-json', nullable: true })
  operator: Operator | null;

  /** Issues on the dispensation as a whole (per-line issues live with the lines). */
  @Column({ type: 'simple-json' })
  issues: Issue[];

  /** Opened without the teleservice (degraded mode, API.md § Dispensations): from the QR and the paper. */
  @Column({ type: 'boolean', default: false })
  degraded: boolean;

  /** Degraded mode: the QR's identity data, the paper's lines, and where the comparison stands. */
  @Column({ type: 'simple-json', nullable: true })
  transcription: Transcription | null;

  /** Abandoned, cancelled or turned to paper: why, by whom, when. */
  @Column({ type: 'simple-json', nullable: true })
  closure: Closure | null;

  /** A qualified INS read at the counter (INS DataMatrix or Carte Vitale) and matched with the prescription. */
  @Column({ type: 'simple-json', nullable: true })
  patientIns: (PatientIns & { source: 'ins-datamatrix' | 'vitale' }) | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
