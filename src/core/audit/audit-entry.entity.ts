import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One act, append-only and chained by hash (docs/acts.md § Audit trail): one chain per pharmacy. `seq`
 * numbers every entry of the database (assigned by the database); `chainSeq` is the entry's place in its
 * pharmacy's chain (last + 1 under the chain's head row, audit-head.entity.ts), and what is hashed.
 * Triggers refuse UPDATE and DELETE.
 */
@Entity('audit_entries')
@Index('IDX_audit_entries_subject', ['subjectType', 'subjectId'])
@Index('IDX_audit_entries_action', ['action'])
@Index('UQ_audit_entries_chain', ['pharmacyId', 'chainSeq'], { unique: true })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @Column({ type: 'integer' })
  chainSeq: number;

  /** ISO 8601 instant (UTC), kept as text so the hashed value is exactly the stored one. */
  @Column({ type: 'varchar', length: 32 })
  at: string;

  @Column({ type: 'varchar', length: 16 })
  actorKind: 'person' | 'terminal' | 'system';

  @Column({ type: 'varchar', length: 11, nullable: true })
  actorRpps: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  actorRole: 'pharmacien' | 'preparateur' | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  terminalId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  subjectType: string;

  @Column({ type: 'varchar', length: 64 })
  subjectId: string;

  /** Canonical JSON of the entry's data. */
  @Column({ type: 'text' })
  data: string;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
