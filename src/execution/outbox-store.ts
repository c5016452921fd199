import { DataSource } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import type { OutboxExecutionEntity, OutboxStatus } from '../core/outbox/outbox-execution.entity';

/** The dispatcher's writes: single statements guarded by the expected status (the SQLite connection is
 * shared by the whole process, so no long transaction is held around a teleservice call). */
export class OutboxStore {
  private readonly table = '"outbox_executions"';

  constructor(private readonly db: DataSource) {}

  static at(date: Date): string {
    return DateUtils.mixedDateToUtcDatetimeString(date) as string;
  }

  /** Rows a crash left `sending` go back to `queued`: they are resent with the same sequence and payload. */
  async recover(now: Date): Promise<number> {
    const result = await this.run(
      `UPDATE ${this.table} SET "status" = 'queued', "nextAttemptAt" = ?, "updatedAt" = ? WHERE "status" = 'sending'`,
      [OutboxStore.at(now), OutboxStore.at(now)],
    );
    return result;
  }

  /**
   * Due heads of line: per prescription the lowest sequence not yet acknowledged or cancelled, when it is
   * `queued` and due. A `sending` or `parked` head hides its prescription's later rows.
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
                WHERE "status" IN ('queued', 'sending', 'parked') GROUP BY "prescriptionId") h
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

  /** queued → sending, counting the attempt; false when someone else moved the row. */
  async claim(id: string, now: Date): Promise<boolean> {
    return (
      (await this.run(
        `UPDATE ${this.table} SET "status" = 'sending', "attempts" = "attempts" + 1, "updatedAt" = ?
          WHERE "id" = ? AND "status" = 'queued'`,
        [OutboxStore.at(now), id],
      )) === 1
    );
  }

  /** The acknowledgement and the status in one statement: never `acknowledged` without it. */
  async acknowledge(id: string, ack: unknown, now: Date): Promise<boolean> {
    return (
      (await this.run(
        `UPDATE ${this.table} SET "status" = 'acknowledged', "acknowledgement" = ?, "acknowledgedAt" = ?,
                "lastError" = NULL, "updatedAt" = ? WHERE "id" = ? AND "status" = 'sending'`,
        [JSON.stringify(ack), OutboxStore.at(now), OutboxStore.at(now), id],
      )) === 1
    );
  }

  async requeue(id: string, from: OutboxStatus, nextAttemptAt: Date, lastError: string | null, now: Date) {
    return (
      (await this.run(
        `UPDATE ${this.table} SET "status" = 'queued', "nextAttemptAt" = ?, "lastError" = ?, "updatedAt" = ?
          WHERE "id" = ? AND "status" = ?`,
        [OutboxStore.at(nextAttemptAt), lastError, OutboxStore.at(now), id, from],
      )) === 1
    );
  }

  async park(id: string, lastError: string, now: Date): Promise<boolean> {
    return (
      (await this.run(
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

  /** Rows changed by an UPDATE (a structured result carries `affected`). */
  private async run(sql: string, params: unknown[]): Promise<number> {
    const runner = this.db.createQueryRunner();
    try {
      const result = (await runner.query(sql, params, true)) as { affected?: number };
      return result.affected ?? 0;
    } finally {
      await runner.release();
    }
  }
}
