import { Injectable } from '@nestjs/common';
import { EntityManager, In, Not, SelectQueryBuilder } from 'typeorm';
import { engineOfManager } from '../database/database';
import { OutboxExecutionEntity, OutboxKind, OutboxStatus } from './outbox-execution.entity';

/** Statuses that still hold a prescription's line: its later calls wait behind them. */
const PENDING: OutboxStatus[] = ['queued', 'sending', 'parked'];
/** What hides a prescription's later calls: a head held (degraded mode), queued, sending or parked. */
const BLOCKING: OutboxStatus[] = ['held', ...PENDING];
const TABLE = '"outbox_executions"';

export interface OutboxFilter {
  status?: OutboxStatus;
  prescriptionId?: string;
  /** Only the calls of dispensations opened (or last resumed) on this terminal. */
  terminalId?: string;
}

/**
 * Every query on the outbox table (ARCHITECTURE.md: the outbox lives in core; dispensation and invoicing
 * append to it, execution delivers it, back-office reads it). Writes are guarded by the status they expect,
 * so a row changes hands once whoever tries.
 */
@Injectable()
export class OutboxRepository {
  private rows(m: EntityManager) {
    return m.getRepository(OutboxExecutionEntity);
  }

  /** The next sequence number of the prescription for this pharmacy (every kind shares it, API.md). */
  async nextSequence(m: EntityManager, pharmacyId: string, prescriptionId: string): Promise<number> {
    const last = await this.rows(m)
      .createQueryBuilder('o')
      .select('MAX(o.sequence)', 'max')
      .where('o.pharmacyId = :pharmacyId', { pharmacyId })
      .andWhere('o.prescriptionId = :prescriptionId', { prescriptionId })
      .getRawOne<{ max: number | string | null }>();
    return Number(last?.max ?? 0) + 1;
  }

  async insert(m: EntityManager, row: OutboxExecutionEntity): Promise<void> {
    // JSON columns defeat insert()'s deep-partial typing; the row is complete.
    await this.rows(m).insert(row as Parameters<ReturnType<OutboxRepository['rows']>['insert']>[0]);
  }

  async find(m: EntityManager, id: string): Promise<OutboxExecutionEntity | null> {
    return this.rows(m).findOneBy({ id });
  }

  /** The pharmacy's calls as the executions API lists them: by prescription and sequence, at most `limit`. */
  async list(
    m: EntityManager,
    pharmacyId: string,
    filter: OutboxFilter,
    limit = 1000,
  ): Promise<OutboxExecutionEntity[]> {
    const qb = this.rows(m).createQueryBuilder('o').where('o.pharmacyId = :pharmacyId', { pharmacyId });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.prescriptionId)
      qb.andWhere('o.prescriptionId = :prescriptionId', { prescriptionId: filter.prescriptionId });
    if (filter.terminalId) {
      qb.andWhere(
        `o.dispensationId IN (SELECT d."id" FROM "dispensations" d WHERE d."terminalId" = :terminalId)`,
        { terminalId: filter.terminalId },
      );
    }
    // A replaced call and its cancellation share a number (docs/execution.md): the older first, on
    // every engine.
    return qb
      .orderBy('o.prescriptionId', 'ASC')
      .addOrderBy('o.sequence', 'ASC')
      .addOrderBy('o.createdAt', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /** The pharmacy's calls on a prescription in sequence order. */
  byPrescription(
    m: EntityManager,
    pharmacyId: string,
    prescriptionId: string,
  ): Promise<OutboxExecutionEntity[]> {
    return this.rows(m).find({
      where: { pharmacyId, prescriptionId },
      order: { sequence: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The calls of these dispensations (any kind). */
  byDispensations(m: EntityManager, dispensationIds: string[]): Promise<OutboxExecutionEntity[]> {
    if (dispensationIds.length === 0) return Promise.resolve([]);
    return this.rows(m).find({
      where: { dispensationId: In(dispensationIds) },
      order: { prescriptionId: 'ASC', sequence: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The first call of a kind a dispensation made (its execution, for validate's replay and invoicing). */
  firstOf(m: EntityManager, dispensationId: string, kind: OutboxKind): Promise<OutboxExecutionEntity | null> {
    return this.rows(m).findOne({ where: { dispensationId, kind }, order: { sequence: 'ASC' } });
  }

  /**
   * Rows left `sending` by an instance that is gone go back to `queued`, resent with the same sequence and
   * payload: every one when `alive` is not given (SQLite at start: one process owns the file), else those
   * claimed by no instance of `alive`.
   */
  async recover(m: EntityManager, now: Date, alive?: string[]): Promise<number> {
    const qb = this.rows(m)
      .createQueryBuilder()
      .update()
      .set({ status: 'queued', nextAttemptAt: now, updatedAt: now, claimedBy: null })
      .where("status = 'sending'");
    if (alive?.length) qb.andWhere('("claimedBy" IS NULL OR "claimedBy" NOT IN (:...alive))', { alive });
    const { affected } = await qb.execute();
    return affected ?? 0;
  }

  /**
   * Claims up to `limit` due heads of line, queued → sending with the attempt counted, in the caller's
   * transaction. A head is a prescription's lowest sequence still held, queued, sending or parked: a `held`,
   * `sending` or `parked` head hides its prescription's later rows, so one prescription is never sent out of
   * order.
   * On PostgreSQL the heads are locked `FOR UPDATE SKIP LOCKED`: another instance claiming at the same time
   * takes other rows, and the status guard makes a row change hands once.
   */
  async claimDue(
    m: EntityManager,
    options: { now: Date; limit: number; exclude: string[]; owner: string },
  ): Promise<OutboxExecutionEntity[]> {
    if (options.limit <= 0) return [];
    const qb = this.dueHeads(m, options.now);
    if (options.exclude.length)
      qb.andWhere('o.prescriptionId NOT IN (:...exclude)', { exclude: options.exclude });
    qb.orderBy('o.nextAttemptAt', 'ASC').addOrderBy('o.createdAt', 'ASC').limit(options.limit);
    if (engineOfManager(m) === 'postgres') qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    const heads = await qb.getMany();
    if (heads.length === 0) return [];
    await this.rows(m)
      .createQueryBuilder()
      .update()
      .set({
        status: 'sending',
        attempts: () => '"attempts" + 1',
        updatedAt: options.now,
        claimedBy: options.owner,
      })
      .where('id IN (:...ids)', { ids: heads.map((h) => h.id) })
      .andWhere("status = 'queued'")
      .execute();
    return heads.map((h) => ({
      ...h,
      status: 'sending' as const,
      attempts: h.attempts + 1,
      claimedBy: options.owner,
    }));
  }

  private dueHeads(m: EntityManager, now: Date): SelectQueryBuilder<OutboxExecutionEntity> {
    return this.rows(m)
      .createQueryBuilder('o')
      .where("o.status = 'queued'")
      .andWhere('o.nextAttemptAt <= :now', { now })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM ${TABLE} e WHERE e."pharmacyId" = o."pharmacyId" ` +
          `AND e."prescriptionId" = o."prescriptionId" ` +
          `AND e."sequence" < o."sequence" AND e."status" IN (:...blocking))`,
        { blocking: BLOCKING },
      );
  }

  /** The acknowledgement and the status in one statement: never `acknowledged` without it. */
  async acknowledge(m: EntityManager, id: string, ack: Record<string, unknown>, now: Date): Promise<boolean> {
    return this.move(m, id, 'sending', {
      status: 'acknowledged',
      acknowledgement: ack,
      acknowledgedAt: now,
      lastError: null,
      claimedBy: null,
      updatedAt: now,
    });
  }

  /** Back to `queued`, due at `nextAttemptAt` (a transient failure, or a parked call retried). */
  requeue(
    m: EntityManager,
    id: string,
    from: OutboxStatus,
    nextAttemptAt: Date,
    lastError: string | null,
    now: Date,
  ): Promise<boolean> {
    return this.move(m, id, from, {
      status: 'queued',
      nextAttemptAt,
      lastError,
      claimedBy: null,
      updatedAt: now,
    });
  }

  park(m: EntityManager, id: string, lastError: string, now: Date): Promise<boolean> {
    return this.move(m, id, 'sending', { status: 'parked', lastError, claimedBy: null, updatedAt: now });
  }

  /** `from` → cancelled (guarded): a parked call, or one replaced by a cancellation of its number. */
  cancel(m: EntityManager, id: string, now: Date, from: OutboxStatus = 'parked'): Promise<boolean> {
    return this.move(m, id, from, { status: 'cancelled', claimedBy: null, updatedAt: now });
  }

  /** The cancellation (not itself cancelled) that names this number of the pharmacy's prescription, if any. */
  liveCancellationOf(
    m: EntityManager,
    call: Pick<OutboxExecutionEntity, 'pharmacyId' | 'prescriptionId' | 'sequence'>,
  ): Promise<OutboxExecutionEntity | null> {
    const { pharmacyId, prescriptionId, sequence } = call;
    return this.rows(m).findOneBy({
      pharmacyId,
      prescriptionId,
      kind: 'cancellation',
      cancels: sequence,
      status: Not('cancelled'),
    });
  }

  /** The cancellation that took over this call's own number (a call never recorded), if any. */
  replacementOf(
    m: EntityManager,
    call: Pick<OutboxExecutionEntity, 'pharmacyId' | 'prescriptionId' | 'sequence'>,
  ): Promise<OutboxExecutionEntity | null> {
    return this.rows(m).findOneBy({
      pharmacyId: call.pharmacyId,
      prescriptionId: call.prescriptionId,
      sequence: call.sequence,
      kind: 'cancellation',
      cancels: call.sequence,
    });
  }

  private async move(
    m: EntityManager,
    id: string,
    from: OutboxStatus,
    patch: Partial<OutboxExecutionEntity>,
  ): Promise<boolean> {
    const { affected } = await this.rows(m).update(
      { id, status: from },
      patch as Parameters<ReturnType<OutboxRepository['rows']>['update']>[1],
    );
    return affected === 1;
  }

  /** How many calls are in each status. */
  async counts(m: EntityManager): Promise<Record<string, number>> {
    const rows = await this.rows(m)
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('o.status')
      .getRawMany<{ status: string; n: number | string }>();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Per pending status: how many, and when the oldest was queued (one pharmacy's, or every one's). */
  async pending(m: EntityManager, pharmacyId?: string): Promise<Record<string, { n: number; oldest: Date }>> {
    const qb = this.rows(m)
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .addSelect('MIN(o.createdAt)', 'oldest')
      .where('o.status IN (:...pending)', { pending: PENDING });
    if (pharmacyId !== undefined) qb.andWhere('o.pharmacyId = :pharmacyId', { pharmacyId });
    const rows = await qb
      .groupBy('o.status')
      .getRawMany<{ status: string; n: number | string; oldest: string | Date }>();
    return Object.fromEntries(rows.map((r) => [r.status, { n: Number(r.n), oldest: instantOf(r.oldest) }]));
  }

  /** When the oldest call still owed to the teleservice (queued or sending) was queued; undefined when none. */
  async oldestPendingAt(m: EntityManager, pharmacyId?: string): Promise<Date | undefined> {
    const p = await this.pending(m, pharmacyId);
    const times = [p.queued?.oldest, p.sending?.oldest].filter((d): d is Date => !!d);
    return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : undefined;
  }

  /** The pharmacy's calls of these prescriptions (the dashboard's status of each). */
  statusOf(
    m: EntityManager,
    pharmacyId: string,
    prescriptionIds: string[],
  ): Promise<Pick<OutboxExecutionEntity, 'prescriptionId' | 'status' | 'updatedAt'>[]> {
    return this.rows(m).find({
      select: { prescriptionId: true, status: true, updatedAt: true },
      where: { pharmacyId, prescriptionId: In(prescriptionIds) },
    });
  }

  /** The pharmacy's prescriptions whose calls changed in [start, end). */
  async changedIn(m: EntityManager, pharmacyId: string, start: Date, end: Date): Promise<string[]> {
    const rows = await this.rows(m)
      .createQueryBuilder('o')
      .select('DISTINCT o.prescriptionId', 'id')
      .where('o.pharmacyId = :pharmacyId', { pharmacyId })
      .andWhere('o.updatedAt >= :start AND o.updatedAt < :end', { start, end })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}

/** A raw aggregate over a timestamp: SQLite returns TypeORM's UTC text, PostgreSQL a Date. */
export function instantOf(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
