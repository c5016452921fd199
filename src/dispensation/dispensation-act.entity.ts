import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `line-flags` carries PATCH …/lines/:lineId (patientRefusedGeneric, mtePh): the latest one counts. */
export type ActType = 'intervention' | 'conditional' | 'non-delivery' | 'renewal' | 'override' | 'line-flags';

export interface ActAuthor {
  rpps: string;
  role: 'pharmacien' | 'preparateur';
}

/**
 * One pharmacist act on a dispensation (docs/acts.md): append-only. An act is never edited; before
 * validation it may be cancelled, which sets `cancelledAt` and keeps the row.
 */
@Entity('dispensation_acts')
@Index('IDX_dispensation_acts_dispensation_at', ['dispensationId', 'at'])
@Index('IDX_dispensation_acts_dispensation_line', ['dispensationId', 'lineId'])
export class DispensationActEntity {
  /** The pharmacy the row belongs to (docs/data.md § Many pharmacies). */
  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  dispensationId: string;

  /** Null for an override of a dispensation-level issue. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lineId: string | null;

  /** Its place among the dispensation's acts (acts recorded at the same instant keep their order). */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 16 })
  type: ActType;

  @Column({ type: 'simple-json' })
  body: Record<string, unknown>;

  @Column({ type: 'simple-json' })
  by: ActAuthor;

  @Column({ type: 'varchar', length: 64 })
  terminalId: string;

  @Column({ type: Date })
  at: Date;

  @Column({ type: Date, nullable: true })
  cancelledAt: Date | null;
}
