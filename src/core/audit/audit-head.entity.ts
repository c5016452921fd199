import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last link of each pharmacy's audit chain. Appending locks this row (PostgreSQL `FOR UPDATE`; SQLite
 * has one writer), so two instances never fork a chain; and it remembers the chain's length, so a truncated
 * tail is detected.
 */
@Entity('audit_heads')
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @Column({ type: 'integer' })
  chainSeq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
