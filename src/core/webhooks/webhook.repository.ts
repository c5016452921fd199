import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity';

type NewDelivery = Omit<WebhookDeliveryEntity, 'seq'>;

/** The webhooks and their delivery rows (ARCHITECTURE.md § Data), given the caller's transaction or reader. */
@Injectable()
export class WebhookRepository {
  private hooks(m: EntityManager) {
    return m.getRepository(WebhookEntity);
  }

  private deliveries(m: EntityManager) {
    return m.getRepository(WebhookDeliveryEntity);
  }

  async insert(m: EntityManager, row: WebhookEntity): Promise<void> {
    await this.hooks(m).insert(row);
  }

  find(m: EntityManager, id: string): Promise<WebhookEntity | null> {
    return this.hooks(m).findOneBy({ id });
  }

  ofPharmacy(m: EntityManager, pharmacyId: string): Promise<WebhookEntity[]> {
    return this.hooks(m).find({ where: { pharmacyId }, order: { createdAt: 'ASC' } });
  }

  all(m: EntityManager): Promise<WebhookEntity[]> {
    return this.hooks(m).find();
  }

  byIds(m: EntityManager, ids: string[]): Promise<WebhookEntity[]> {
    return ids.length ? this.hooks(m).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** The webhook and its deliveries not made yet. */
  async remove(m: EntityManager, id: string): Promise<void> {
    await this.deliveries(m).delete({ webhookId: id, status: 'queued' });
    await this.hooks(m).delete({ id });
  }

  /** A webhook's deliveries, newest first. */
  log(m: EntityManager, webhookId: string, limit: number): Promise<WebhookDeliveryEntity[]> {
    return this.deliveries(m).find({ where: { webhookId }, order: { seq: 'DESC' }, take: limit });
  }

  async enqueue(m: EntityManager, rows: NewDelivery[]): Promise<void> {
    if (rows.length) await this.deliveries(m).insert(rows);
  }

  /** The oldest queued deliveries, in order. */
  queued(m: EntityManager, limit: number): Promise<WebhookDeliveryEntity[]> {
    return this.deliveries(m).find({ where: { status: 'queued' }, order: { seq: 'ASC' }, take: limit });
  }

  async delivered(
    m: EntityManager,
    seq: number,
    attempts: number,
    lastStatus: number | null,
    now: Date,
  ): Promise<void> {
    await this.deliveries(m).update(
      { seq },
      { status: 'delivered', attempts, lastStatus, lastError: null, deliveredAt: now },
    );
  }

  async failed(
    m: EntityManager,
    seq: number,
    attempts: number,
    lastStatus: number | null,
    lastError: string,
    nextAttemptAt: Date,
  ): Promise<void> {
    await this.deliveries(m).update({ seq }, { attempts, lastStatus, lastError, nextAttemptAt });
  }
}
