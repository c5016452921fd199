import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';
import type { AuditRow } from './audit-row';

/** The audit trail's queries: append-only rows in `seq` order (docs/acts.md § Audit trail). */
@Injectable()
export class AuditRepository {
  private rows(m: EntityManager) {
    return m.getRepository(AuditEntryEntity);
  }

  /** The last link of the chain, or undefined for an empty trail. */
  async last(m: EntityManager): Promise<Pick<AuditRow, 'seq' | 'hash'> | undefined> {
    const row = await this.rows(m).findOne({
      select: { seq: true, hash: true },
      where: {},
      order: { seq: 'DESC' },
    });
    return row ?? undefined;
  }

  /** The highest seq ever issued, deleted rows included (SQLite keeps it in sqlite_sequence). */
  async highestIssued(m: EntityManager): Promise<number> {
    const [row] = (await m.query(`SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'audit_entries'`)) as {
      seq: number;
    }[];
    return Number(row?.seq ?? 0);
  }

  async insert(m: EntityManager, row: AuditRow): Promise<void> {
    await this.rows(m).insert(row);
  }

  /** Up to `limit` rows from `fromSeq` on, in seq order. */
  batch(m: EntityManager, fromSeq: number, limit: number): Promise<AuditRow[]> {
    return this.rows(m)
      .createQueryBuilder('a')
      .where('a.seq >= :fromSeq', { fromSeq })
      .orderBy('a.seq', 'ASC')
      .limit(limit)
      .getMany();
  }

  count(m: EntityManager): Promise<number> {
    return this.rows(m).count();
  }

  /** Actions recorded on one subject, in order (tests and the back office's trail). */
  async actionsOn(m: EntityManager, subjectId: string): Promise<string[]> {
    const rows = await this.rows(m).find({
      select: { seq: true, action: true },
      where: { subjectId },
      order: { seq: 'ASC' },
    });
    return rows.map((r) => r.action);
  }
}
