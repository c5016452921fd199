import { Injectable } from '@nestjs/common';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { engineOfManager } from '../database/database';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity';

type NewDelivery = Omit<WebhookDeliveryEntity, 'seq'>;

/** A delivery still owed: queued, or sending under a lease (docs/data.md § Several instances). */
const PENDING = ['queued', 'sending'] as const;

/** A claimed delivery: its row and the attempt that claimed it (what its outcome is guarded by). */
export type ClaimedDelivery = Pick<WebhookDeliveryEntity, 'seq' | 'attempts'>;

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
    await this.deliveries(m).delete({ webhookId: id, status: In([...PENDING]) });
    await this.hooks(m).delete({ id });
  }

  /** A webhook's deliveries, newest first. */
  log(m: EntityManager, webhookId: string, limit: number): Promise<WebhookDeliveryEntity[]> {
    return this.deliveries(m).find({ where: { webhookId }, order: { seq: 'DESC' }, take: limit });
  }

  async enqueue(m: EntityManager, rows: NewDelivery[]): Promise<void> {
    if (rows.length) await this.deliveries(m).insert(rows);
  }

  /** Whether any owed delivery is due (read before a claim opens a write transaction for nothing). */
  async anyDue(m: EntityManager, now: Date): Promise<boolean> {
    const row = await this.deliveries(m).findOne({
      select: { seq: true },
      where: { status: In([...PENDING]), nextAttemptAt: LessThanOrEqual(now) },
    });
    return row !== null;
  }

  /**
   * Claims up to `limit` due heads, in the caller's transaction: a head is the oldest delivery still owed
   * of its (webhook, prescription), among the `scan` oldest owed; it is due when queued and due, or
   * sending under a lease that lapsed (its instance died). A claimed row is `sending`, its attempt counted,
   * leased until `leaseUntil`: a sending head hides the later rows of its (webhook, prescription) from
   * every instance. On PostgreSQL the heads are locked `FOR UPDATE SKIP LOCKED` and checked again once
   * locked (still owed, still due): two instances claiming at once never take one row.
   */
  async claimDue(
    m: EntityManager,
    options: { now: Date; limit: number; scan: number; leaseUntil: Date },
  ): Promise<WebhookDeliveryEntity[]> {
    if (options.limit <= 0) return [];
    const owed = await this.deliveries(m)
      .createQueryBuilder('d')
      .select(['d.seq', 'd.webhookId', 'd.orderKey', 'd.nextAttemptAt'])
      .where('d.status IN (:...pending)', { pending: PENDING })
      .orderBy('d.seq', 'ASC')
      .limit(options.scan)
      .getMany();
    const heads = new Map<string, WebhookDeliveryEntity>();
    for (const d of owed) {
      const key = `${d.webhookId}\n${d.orderKey}`;
      if (!heads.has(key)) heads.set(key, d);
    }
    const now = options.now.getTime();
    const due = [...heads.values()]
      .filter((d) => new Date(d.nextAttemptAt).getTime() <= now)
      .map((d) => d.seq);
    if (due.length === 0) return [];
    const qb = this.deliveries(m)
      .createQueryBuilder('d')
      .where('d.seq IN (:...due)', { due })
      .andWhere('d.status IN (:...pending)', { pending: PENDING })
      .andWhere('d.nextAttemptAt <= :now', { now: options.now })
      .orderBy('d.seq', 'ASC')
      // Rows another instance holds locked are skipped before the limit counts: the next heads are taken.
      .limit(options.limit);
    if (engineOfManager(m) === 'postgres') qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    const claimed = await qb.getMany();
    if (claimed.length === 0) return [];
    await this.deliveries(m)
      .createQueryBuilder()
      .update()
      .set({ status: 'sending', attempts: () => '"attempts" + 1', nextAttemptAt: options.leaseUntil })
      .where('seq IN (:...seqs)', { seqs: claimed.map((d) => d.seq) })
      .execute();
    return claimed.map((d) => ({
      ...d,
      status: 'sending' as const,
      attempts: d.attempts + 1,
      nextAttemptAt: options.leaseUntil,
    }));
  }

  /** Moves the lease of these deliveries, still sending under the attempt that claimed them. */
  async renew(m: EntityManager, rows: ClaimedDelivery[], leaseUntil: Date): Promise<void> {
    for (const r of rows) {
      await this.deliveries(m).update(
        { seq: r.seq, attempts: r.attempts, status: 'sending' },
        { nextAttemptAt: leaseUntil },
      );
    }
  }

  /**
   * Every delivery left sending goes back to queued, due now (SQLite at start: one process owns the
   * file, so none of them is in flight). Returns how many.
   */
  async release(m: EntityManager, now: Date): Promise<number> {
    const { affected } = await this.deliveries(m).update(
      { status: 'sending' },
      { status: 'queued', nextAttemptAt: now },
    );
    return affected ?? 0;
  }

  /** The outcome of a claimed attempt; false when the row was taken over (its lease lapsed) or removed. */
  async delivered(
    m: EntityManager,
    claim: ClaimedDelivery,
    lastStatus: number | null,
    now: Date,
  ): Promise<boolean> {
    const { affected } = await this.deliveries(m).update(
      { seq: claim.seq, attempts: claim.attempts, status: 'sending' },
      { status: 'delivered', lastStatus, lastError: null, deliveredAt: now },
    );
    return affected === 1;
  }

  /** A failed attempt: queued again, due at `nextAttemptAt` (guarded as `delivered` is). */
  async failed(
    m: EntityManager,
    claim: ClaimedDelivery,
    lastStatus: number | null,
    lastError: string,
    nextAttemptAt: Date,
  ): Promise<boolean> {
    const { affected } = await this.deliveries(m).update(
      { seq: claim.seq, attempts: claim.attempts, status: 'sending' },
      { status: 'queued', lastStatus, lastError, nextAttemptAt },
    );
    return affected === 1;
  }
}
