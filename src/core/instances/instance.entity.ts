import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A running Comptoir process on this database, with its heartbeat: what one instance holds (an outbox row
 * it is sending, an idempotency key it is answering) is released once it stops beating (docs/data.md).
 */
@Entity('instances')
export class InstanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 255 })
  host: string;

  @Column({ type: 'integer' })
  pid: number;

  @Column({ type: Date })
  startedAt: Date;

  /** Last heartbeat, from the instance's system clock. */
  @Column({ type: Date })
  seenAt: Date;
}
