import { LessThanOrEqual, type EntityManager } from 'typeorm';
import type { OctReport } from './oct-report';
import { OctReportEntity } from './oct-report.entity';

/** The OCT reports' reads and writes (ARCHITECTURE.md § Data), through the caller's manager. */
export class OctReportRepository {
  constructor(private readonly m: EntityManager) {}

  /** Queues a report in the caller's transaction (the one that records the acknowledgement). */
  async append(pharmacyId: string, report: OctReport, now: Date): Promise<void> {
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
    await this.m.insert(OctReportEntity, row as Parameters<EntityManager['insert']>[1]);
  }

  find(id: string): Promise<OctReportEntity | null> {
    return this.m.findOneBy(OctReportEntity, { id });
  }

  /** Reports due for (re)delivery, oldest first. */
  due(now: Date, limit: number): Promise<OctReportEntity[]> {
    return this.m.find(OctReportEntity, {
      where: { status: 'queued', nextAttemptAt: LessThanOrEqual(now) },
      order: { nextAttemptAt: 'ASC', createdAt: 'ASC' },
      take: limit,
    });
  }

  async delivered(id: string, attempts: number, now: Date): Promise<void> {
    await this.m.update(
      OctReportEntity,
      { id, status: 'queued' },
      { status: 'delivered', attempts, deliveredAt: now, lastError: null },
    );
  }

  async failed(id: string, attempts: number, lastError: string, next: Date | null): Promise<void> {
    await this.m.update(
      OctReportEntity,
      { id, status: 'queued' },
      next ? { attempts, lastError, nextAttemptAt: next } : { attempts, lastError, status: 'failed' },
    );
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.m
      .createQueryBuilder(OctReportEntity, 'o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('o.status')
      .getRawMany<{ status: string; n: number }>();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
