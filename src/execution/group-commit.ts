import type { EntityManager } from 'typeorm';
import type { Database } from '../core/database/database';

interface Pending {
  work: (m: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes submitted while a transaction is running wait and then share the next one, so a
 * burst of outcomes costs one fsync instead of one each. A batch that fails is replayed one write per
 * transaction, so that one bad write fails alone.
 */
export class GroupCommit {
  private pending: Pending[] = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly db: Pick<Database, 'transaction'>) {}

  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    });
  }

  /** Resolves once everything submitted so far is written (or failed). */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      let results: unknown[];
      try {
        results = await this.db.transaction(async (m) => {
          const out: unknown[] = [];
          for (const p of batch) out.push(await p.work(m));
          return out;
        });
      } catch {
        for (const p of batch) {
          await this.db.transaction((m) => p.work(m)).then(p.resolve, p.reject);
        }
        continue;
      }
      batch.forEach((p, i) => p.resolve(results[i]));
    }
  }
}
