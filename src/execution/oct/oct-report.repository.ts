import { Injectable } from '@nestjs/common';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { engineOfManager } from '../../core/database/database';
import type { OctReport } from './oct-report';
import { OctReportEntity } from './oct-report.entity';

/** A report still owed: queued, or sending under a lease (docs/data.md § Several instances). */
const PENDING = ['queued', 'sending'] as const;

/** A claimed report: its id and the attempt that claimed it (what its outcome is guarded by). */
export type ClaimedReport = Pick<OctReportEntity, 'id' | 'attempts'>;

/** The OCT reports' queries (ARCHITECTURE.md § Data), given the caller's transaction or the reader. */
@Injectable()
export class OctReportRepository {
  private rows(m: EntityManager) {
    return m.getRepository(OctReportEntity);
  }

  /** Queues a report in the caller's transaction (the one that records the acknowledgement). */
  async append(m: EntityManager, pharmacyId: string, report: OctReport, now: Date): Promise<void> {
    const row: OctReportEntity = {
      id: report.reportId,
      pharmacyId,
      prescriptionId: report.prescriptionId,
      report,
      status: 'queued',
      attempts: 0,
      lastError: null,
      nextAttemptAt: now,
      createdAt: now,
      deliveredAt: null,
    };
    await this.rows(m).insert(row as Parameters<ReturnType<OctReportRepository['rows']>['insert']>[0]);
  }

  find(m: EntityManager, id: string): Promise<OctReportEntity | null> {
    return this.rows(m).findOneBy({ id });
  }

  /** Whether any report is due (read before a claim opens a write transaction for nothing). */
  async anyDue(m: EntityManager, now: Date): Promise<boolean> {
    const row = await this.rows(m).findOne({
      select: { id: true },
      where: { status: In([...PENDING]), nextAttemptAt: LessThanOrEqual(now) },
    });
    return row !== null;
  }

  /**
   * Claims up to `limit` reports due, oldest first, in the caller's transaction: queued and due, or
   * sending under a lease that lapsed (its instance died). A claimed report is `sending`, its attempt
   * counted, leased until `leaseUntil`. On PostgreSQL the rows are locked `FOR UPDATE SKIP LOCKED` (and
   * checked again once locked): two instances claiming at once never take one report.
   */
  async claimDue(
    m: EntityManager,
    options: { now: Date; limit: number; leaseUntil: Date },
  ): Promise<OctReportEntity[]> {
    if (options.limit <= 0) return [];
    const qb = this.rows(m)
      .createQueryBuilder('o')
      .where('o.status IN (:...pending)', { pending: PENDING })
      .andWhere('o.nextAttemptAt <= :now', { now: options.now })
      .orderBy('o.nextAttemptAt', 'ASC')
      .addOrderBy('o.createdAt', 'ASC')
      .limit(options.limit);
    if (engineOfManager(m) === 'postgres') qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    const due = await qb.getMany();
    if (due.length === 0) return [];
    await this.rows(m)
      .createQueryBuilder()
      .update()
      .set({ status: 'sending', attempts: () => '"attempts" + 1', nextAttemptAt: options.leaseUntil })
      .where('id IN (:...ids)', { ids: due.map((r) => r.id) })
      .execute();
    return due.map((r) => ({
      ...r,
      status: 'sending' as const,
      attempts: r.attempts + 1,
      nextAttemptAt: options.leaseUntil,
    }));
  }

  /** Moves the lease of these reports, still sending under the attempt that claimed them. */
  async renew(m: EntityManager, rows: ClaimedReport[], leaseUntil: Date): Promise<void> {
    for (const r of rows) {
      await this.rows(m).update(
        { id: r.id, attempts: r.attempts, status: 'sending' },
        { nextAttemptAt: leaseUntil },
      );
    }
  }

  /** Every report left sending goes back to queued, due now (SQLite at start: one process owns the file). */
  async release(m: EntityManager, now: Date): Promise<number> {
    const { affected } = await this.rows(m).update(
      { status: 'sending' },
      { status: 'queued', nextAttemptAt: now },
    );
    return affected ?? 0;
  }

  /** The outcome of a claimed attempt; false when the report was taken over (its lease lapsed). */
  async delivered(m: EntityManager, claim: ClaimedReport, now: Date): Promise<boolean> {
    const { affected } = await this.rows(m).update(
      { id: claim.id, attempts: claim.attempts, status: 'sending' },
      { status: 'delivered', deliveredAt: now, lastError: null },
    );
    return affected === 1;
  }

  /** A failed attempt: queued again, due at `next`, or `failed` for good when `next` is null. */
  async failed(
    m: EntityManager,
    claim: ClaimedReport,
    lastError: string,
    next: Date | null,
  ): Promise<boolean> {
    const { affected } = await this.rows(m).update(
      { id: claim.id, attempts: claim.attempts, status: 'sending' },
      next ? { status: 'queued', lastError, nextAttemptAt: next } : { lastError, status: 'failed' },
    );
    return affected === 1;
  }

  /** Reports by status; a report sending is counted queued (not delivered yet). */
  async counts(m: EntityManager): Promise<Record<string, number>> {
    const rows = await this.rows(m)
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('o.status')
      .getRawMany<{ status: string; n: number | string }>();
    const counts: Record<string, number> = {};
    for (const r of rows) {
      const status = r.status === 'sending' ? 'queued' : r.status;
      counts[status] = (counts[status] ?? 0) + Number(r.n);
    }
    return counts;
  }
}
