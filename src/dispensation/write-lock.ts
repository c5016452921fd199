import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One write transaction of the dispensation stage at a time, in this process.
 *
 * Why: TypeORM's SQLite driver runs every query on a single connection, so two transactions that overlap
 * in time fail with "cannot start a transaction within a transaction" (two acts, or a double click on
 * validate). Chaining them on a promise queue makes them run one after the other; the AuditService keeps
 * its own queue for the same reason, and is called inside ours with our manager, so it never waits on us.
 */
@Injectable()
export class WriteLock {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: DataSource) {}

  /** Runs `work` in a transaction once every earlier one has finished (committed or rolled back). */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const run = this.queue.then(
      () => this.db.transaction(work),
      () => this.db.transaction(work),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }
}
