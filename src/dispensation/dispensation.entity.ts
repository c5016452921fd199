import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Operator } from '../core/terminals/terminals.service';
import type { Issue } from './issue';

export type DispensationStatus =
  'open' | 'validated' | 'acknowledged' | 'invoiced' | 'rejected' | 'cancelled';

/** One counter session on one prescription (API.md § Dispensations). */
@Entity('dispensations')
@Index('IDX_dispensations_prescription_status', ['prescriptionId', 'status'])
@Index('IDX_dispensations_terminal_status', ['terminalId', 'status'])
export class DispensationEntity {
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

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
