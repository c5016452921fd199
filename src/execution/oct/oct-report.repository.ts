import { Injectable } from '@nestjs/common';
import { LessThanOrEqual, type EntityManager } from 'typeorm';
import type { OctReport } from './oct-report';
import { OctReportEntity } from './oct-report.entity';

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

  /** Reports due for (re)delivery, oldest first. */
  due(m: EntityManager, now: Date, limit: number): Promise<OctReportEntity[]> {
    return this.rows(m).find({
      where: { status: 'queued', nextAttemptAt: LessThanOrEqual(now) },
      order: { nextAttemptAt: 'ASC', createdAt: 'ASC' },
      take: limit,
    });
  }

  async delivered(m: EntityManager, id: string, attempts: number, now: Date): Promise<void> {
    await this.rows(m).update(
      { id, status: 'queued' },
      { status: 'delivered', attempts, deliveredAt: now, lastError: null },
    );
  }

  async failed(
    m: EntityManager,
    id: string,
    attempts: number,
    lastError: string,
    next: Date | null,
  ): Promise<void> {
    await this.rows(m).update(
      { id, status: 'queued' },
      next ? { attempts, lastError, nextAttemptAt: next } : { attempts, lastError, status: 'failed' },
    );
  }

  async counts(m: EntityManager): Promise<Record<string, number>> {
    const rows = await this.rows(m)
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('o.status')
      .getRawMany<{ status: string; n: number | string }>();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
