import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One imported referential. Rows of every medicines table carry their `versionId`; exactly one version is
 * `active`, and an import switches it in the same transaction that wrote the rows (docs/referential.md).
 */
@Entity('medicines_versions')
@Index('IDX_medicines_versions_active', ['active'])
export class ReferentialVersionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** SHA-256 of the parser version and the files (name + bytes): the same files give the same hash. */
  @Column({ type: 'varchar', length: 64 })
  contentHash: string;

  /** Where the files came from (a directory, or `shipped subset`). */
  @Column({ type: 'varchar', length: 500 })
  source: string;

  @Column({ type: 'boolean', default: false })
  active: boolean;

  @Column({ type: Date })
  importedAt: Date;

  @Column({ type: 'integer' })
  durationMs: number;

  /** Rows written per table (JSON). */
  @Column({ type: 'text' })
  counts: string;

  /** Per-file figures, rejected rows with reasons and warnings (JSON, lists capped). */
  @Column({ type: 'text' })
  report: string;
}
