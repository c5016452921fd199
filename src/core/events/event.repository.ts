import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThan } from 'typeorm';
import { engineOfManager } from '../database/database';
import { EventEntity } from './event.entity';

/** What LISTEN/NOTIFY carries between instances (PostgreSQL). */
export const EVENTS_CHANNEL = 'comptoir_events';

export type EventRow = EventEntity;

/** The events table: SSE events as rows, their id the SSE id (docs/data.md § Events). */
@Injectable()
export class EventRepository {
  private rows(m: EntityManager) {
    return m.getRepository(EventEntity);
  }

  /**
   * Writes events in order. Rows with an id keep it (SQLite: the one process numbers them); without one the
   * database numbers them (PostgreSQL's sequence, unique across instances). Returns the rows as written.
   */
  async insert(m: EntityManager, rows: (Omit<EventRow, 'id'> & { id?: number })[]): Promise<EventRow[]> {
    const out: EventRow[] = [];
    for (const row of rows) {
      const result = await this.rows(m).insert(
        row as Parameters<ReturnType<EventRepository['rows']>['insert']>[0],
      );
      out.push({ ...row, id: row.id ?? Number(result.identifiers[0].id) });
    }
    return out;
  }

  /**
   * Tells the other instances (PostgreSQL NOTIFY, delivered when the caller's transaction commits). The
   * payload is `<instance>|<id>,<id>…`, cut under PostgreSQL's 8,000-byte limit.
   */
  async notify(m: EntityManager, instanceId: string, ids: number[]): Promise<void> {
    if (engineOfManager(m) !== 'postgres' || ids.length === 0) return;
    for (let i = 0; i < ids.length; i += 500) {
      await m.query('SELECT pg_notify($1, $2)', [
        EVENTS_CHANNEL,
        `${instanceId}|${ids.slice(i, i + 500).join(',')}`,
      ]);
    }
  }

  /** The commit of these events does not wait for the disk (PostgreSQL): an event is not a record. */
  async relaxDurability(m: EntityManager): Promise<void> {
    if (engineOfManager(m) === 'postgres') await m.query('SET LOCAL synchronous_commit TO OFF');
  }

  byIds(m: EntityManager, ids: number[]): Promise<EventRow[]> {
    return ids.length
      ? this.rows(m).find({ where: { id: In(ids) }, order: { id: 'ASC' } })
      : Promise.resolve([]);
  }

  /** A pharmacy's events after `afterId`, oldest first (a reconnecting client's replay). */
  after(m: EntityManager, pharmacyId: string, afterId: number, limit: number): Promise<EventRow[]> {
    return this.rows(m)
      .createQueryBuilder('e')
      .where('e.pharmacyId = :pharmacyId AND e.id > :afterId', { pharmacyId, afterId })
      .orderBy('e.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Every pharmacy's events after `afterId` (an instance catching up after its listener reconnected). */
  since(m: EntityManager, afterId: number, limit: number): Promise<EventRow[]> {
    return this.rows(m)
      .createQueryBuilder('e')
      .where('e.id > :afterId', { afterId })
      .orderBy('e.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** The highest id ever given (SQLite keeps it in sqlite_sequence, deleted rows included). */
  async highestId(m: EntityManager): Promise<number> {
    const max = await this.rows(m)
      .createQueryBuilder('e')
      .select('MAX(e.id)', 'max')
      .getRawOne<{ max: number | string | null }>();
    let highest = Number(max?.max ?? 0);
    if (engineOfManager(m) === 'sqlite') {
      const [row] = (await m.query(`SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'events'`)) as {
        seq: number;
      }[];
      highest = Math.max(highest, Number(row?.seq ?? 0));
    }
    return highest;
  }

  /** Removes the events older than `before` (retention). */
  async prune(m: EntityManager, before: Date): Promise<number> {
    const { affected } = await this.rows(m).delete({ at: LessThan(before) });
    return affected ?? 0;
  }
}
