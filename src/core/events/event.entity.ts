import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A Server-Sent Event as stored (API.md § Devices, patient, events): its `id` is the SSE id and what
 * `Last-Event-ID` replays, unique across instances; other instances learn of it through LISTEN/NOTIFY
 * (PostgreSQL). Kept `events.retentionMinutes`.
 */
@Entity('events')
@Index('IDX_events_pharmacy_id', ['pharmacyId', 'id'])
@Index('IDX_events_at', ['at'])
export class EventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  terminalId: string | null;

  @Column({ type: 'varchar', length: 32 })
  type: string;

  @Column({ type: Date })
  at: Date;

  @Column({ type: 'simple-json' })
  data: unknown;
}
