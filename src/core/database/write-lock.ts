import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inTransactionContext } from './connection-gate';

/**
 * One write transaction at a time, in this process: every transaction of every stage goes through it.
 *
 * Why: TypeORM's SQLite driver runs every query on a single connection, so two transactions that overlap
 * in time fail with "cannot start a transaction within a transaction" (two acts, a double click on
 * validate, the outbox dispatcher recording an acknowledgement). Chaining them on a promise queue makes
 * them run one after the other. Never call it from inside one of its own transactions: pass the manager.
 * Statements issued outside it wait while one of its transactions is open (`connection-gate.ts`).
 */
@Injectable()
export class WriteLock {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: DataSource) {}

  /** Runs `work` in a transaction once every earlier one has finished (committed or rolled back). */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const start = () => inTransactionContext(() => this.db.transaction(work));
    const run = this.queue.then(start, start);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
