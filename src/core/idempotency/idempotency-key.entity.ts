import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A POST answered under an Idempotency-Key: the same key and body get the same answer back. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  /** The pharmacy the row belongs to (docs/data.md § Many pharmacies). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  pharmacyId: string;

  /** `<terminal>:<key>`: keys are scoped to the calling pharmacy and terminal. */
  @PrimaryColumn({ type: 'varchar', length: 330 })
  scopedKey: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'varchar', length: 16 })
  state: 'in-progress' | 'done';

  /** The instance running the request while `in-progress`: freed once that instance stops beating. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  owner: string | null;

  @Column({ type: 'integer', nullable: true })
  status: number | null;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contentType: string | null;

  @CreateDateColumn({ type: Date })
  createdAt: Date;
}
