import { DataSource, EntityManager } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import type { OutboxExecutionEntity, OutboxStatus } from '../core/outbox/outbox-execution.entity';
import type { WriteLock } from '../core/database/write-lock';

/**
 * The dispatcher's reads and writes: statements guarded by the expected status. Writes take the caller's
 * transaction manager (the WriteLock's, usually through a GroupCommit): the SQLite connection is shared by
 * the whole process, so a bare statement could land inside another transaction and vanish with its
 * rollback; no transaction is ever held around a teleservice call.
 */
export class OutboxStore {
  private readonly table = '"outbox_executions"';

  constructor(
    private readonly db: DataSource,
    private readonly lock: WriteLock,
  ) {}

  static at(date: Date): string {
    return DateUtils.mixedDateToUtcDatetimeString(date) as string;
  }

  /** Rows a crash left `sending` go back to `queued`: they are resent with the same sequence and payload. */
  async recover(now: Date): Promise<number> {
    return this.lock.transaction((m) =>
      this.run(
        m,
        `UPDATE ${this.table} SET "status" = 'queued', "nextAttemptAt" = ?, "updatedAt" = ? WHERE "status" = 'sending'`,
        [OutboxStore.at(now), OutboxStore.at(now)],
      ),
    );
  }

  /**
   * Due heads of line: per prescription the lowest sequence not yet acknowledged or cancelled, when it is
   * `queued` and due. A `held`, `sending` or `parked` head hides its prescription's later rows.
   */
  async dueHeads(now: Date, limit: number, exclude: Iterable<string>): Promise<OutboxExecutionEntity[]> {
    const excluded = [...exclude];
    const notIn = excluded.length
      ? `AND o."prescriptionId" NOT IN (${excluded.map(() => '?').join(',')})`
      : '';
    const rows = await this.db.query(
      `SELECT o."id", o."prescriptionId", o."sequence", o."kind", o."payload", o."attempts", o."dispensationId"
         FROM ${this.table} o
         JOIN (SELECT "prescriptionId", MIN("sequence") AS "head" FROM ${this.table}
                WHERE "status" IN ('held', 'queued', 'sending', 'parked') GROUP BY "prescriptionId") h
           ON h."prescriptionId" = o."prescriptionId" AND h."head" = o."sequence"
        WHERE o."status" = 'queued' AND o."nextAttemptAt" <= ? ${notIn}
        ORDER BY o."nextAttemptAt", o."createdAt" LIMIT ?`,
      [OutboxStore.at(now), ...excluded, limit],
    );
    return (rows as Array<Record<string, unknown>>).map((r) => ({
      ...(r as unknown as OutboxExecutionEntity),
      payload: JSON.parse(r.payload as string) as Record<string, unknown>,
    }));
  }

  /** queued → sending for the rows given, counting the attempt, in one transaction; the ids that moved. */
  async claim(ids: string[], now: Date): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const marks = ids.map(() => '?').join(',');
    return this.lock.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT "id" FROM ${this.table} WHERE "status" = 'queued' AND "id" IN (${marks})`,
        ids,
      )) as { id: string }[];
      const claimed = rows.map((r) => r.id);
      if (claimed.length > 0) {
        await this.run(
          m,
          `UPDATE ${this.table} SET "status" = 'sending', "attempts" = "attempts" + 1, "updatedAt" = ?
            WHERE "status" = 'queued' AND "id" IN (${claimed.map(() => '?').join(',')})`,
          [OutboxStore.at(now), ...claimed],
        );
      }
      return new Set(claimed);
    });
  }

  /** The acknowledgement and the status in one statement: never `acknowledged` without it. */
  async acknowledge(m: EntityManager, id: string, ack: unknown, now: Date): Promise<boolean> {
    return (
      (await this.run(
        m,
        `UPDATE ${this.table} SET "status" = 'acknowledged', "acknowledgement" = ?, "acknowledgedAt" = ?,
                "lastError" = NULL, "updatedAt" = ? WHERE "id" = ? AND "status" = 'sending'`,
        [JSON.stringify(ack), OutboxStore.at(now), OutboxStore.at(now), id],
      )) === 1
    );
  }

  async requeue(
    m: EntityManager,
    id: string,
    from: OutboxStatus,
    nextAttemptAt: Date,
    lastError: string | null,
    now: Date,
  ): Promise<boolean> {
    return (
      (await this.run(
        m,
        `UPDATE ${this.table} SET "status" = 'queued', "nextAttemptAt" = ?, "lastError" = ?, "updatedAt" = ?
          WHERE "id" = ? AND "status" = ?`,
        [OutboxStore.at(nextAttemptAt), lastError, OutboxStore.at(now), id, from],
      )) === 1
    );
  }

  async park(m: EntityManager, id: string, lastError: string, now: Date): Promise<boolean> {
    return (
      (await this.run(
        m,
        `UPDATE ${this.table} SET "status" = 'parked', "lastError" = ?, "updatedAt" = ?
          WHERE "id" = ? AND "status" = 'sending'`,
        [lastError, OutboxStore.at(now), id],
      )) === 1
    );
  }

  async counts(): Promise<Record<string, number>> {
    const rows = (await this.db.query(
      `SELECT "status", COUNT(*) AS "n" FROM ${this.table} GROUP BY "status"`,
    )) as Array<{ status: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Rows changed by an UPDATE in the transaction of `m` (a structured result carries `affected`). */
  /** When the oldest call still owed to the teleservice (queued or sending) was queued; undefined when none. */
  async oldestPendingAt(): Promise<Date | undefined> {
    const [row] = (await this.db.query(
      `SELECT MIN("createdAt") AS "at" FROM ${this.table} WHERE "status" IN ('queued', 'sending')`,
    )) as Array<{ at: string | null }>;
    return row?.at ? new Date(`${row.at.replace(' ', 'T')}Z`) : undefined;
  }

  private async run(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
    const result = (await m.queryRunner!.query(sql, params, true)) as { affected?: number };
    return result.affected ?? 0;
  }
}
