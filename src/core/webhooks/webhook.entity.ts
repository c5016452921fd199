import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An LGO's subscription: these event types of its pharmacy, POSTed to `url`, signed with `secret`. */
@Entity('webhooks')
@Index('IDX_webhooks_pharmacy', ['pharmacyId'])
export class WebhookEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  /** JSON array of event types. */
  @Column({ type: 'text' })
  events: string;

  /** The HMAC key of `Comptoir-Signature` (never answered back). */
  @Column({ type: 'varchar', length: 256 })
  secret: string;

  @Column({ type: Date })
  createdAt: Date;
}

/**
 * `sending`: claimed by an instance, leased until `nextAttemptAt` (docs/data.md § Several instances); the
 * API shows it as `queued` (not delivered yet).
 */
export type DeliveryStatus = 'queued' | 'sending' | 'delivered';

/** One event owed to one webhook, and what its attempts gave: the delivery log. */
@Entity('webhook_deliveries')
@Index('IDX_webhook_deliveries_id', ['id'], { unique: true })
@Index('IDX_webhook_deliveries_due', ['status', 'seq'])
@Index('IDX_webhook_deliveries_webhook', ['webhookId', 'seq'])
export class WebhookDeliveryEntity {
  /** The order deliveries were owed in: a (webhook, prescription)'s oldest goes first. */
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  webhookId: string;

  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @Column({ type: 'varchar', length: 64 })
  eventId: string;

  @Column({ type: 'varchar', length: 64 })
  eventType: string;

  /** The prescription the event is about (else its terminal, else `-`): deliveries keep its order. */
  @Column({ type: 'varchar', length: 128 })
  orderKey: string;

  /** The exact JSON body POSTed (and signed), the same at every attempt. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: Date })
  nextAttemptAt: Date;

  /** The HTTP status of the last attempt, null when it got none (refused, timed out). */
  @Column({ type: 'integer', nullable: true })
  lastStatus: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: Date, nullable: true })
  deliveredAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;
}
