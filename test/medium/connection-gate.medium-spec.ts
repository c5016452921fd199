import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/core/database/database.options';
import { WriteLock } from '../../src/core/database/write-lock';
import { OutboxExecutionEntity } from '../../src/core/outbox/outbox-execution.entity';

/** The shared SQLite connection: what is written outside a WriteLock transaction never joins it. */
describe('connection gate on a real SQLite file', () => {
  let dir: string;
  let ds: DataSource;
  let lock: WriteLock;
  const row = (id: string) => ({
    id,
    prescriptionId: 'P1',
    sequence: Number(id.slice(1)),
    kind: 'execution' as const,
    dispensationId: null,
    payload: {},
    status: 'queued' as const,
    attempts: 0,
    lastError: null,
    acknowledgement: null,
    acknowledgedAt: null,
    nextAttemptAt: new Date(),
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  /**
   * Work started from this (outside) context when `go()` is called: another request's statements, which do
   * not share the transaction's async context the way the transaction's own callees do.
   */
  const fromOutside = <T>(work: () => Promise<T>) => {
    let go!: () => void;
    const started = new Promise<void>((resolve) => (go = resolve));
    return { go, done: started.then(work) };
  };
  const ids = async () =>
    (await ds.getRepository(OutboxExecutionEntity).find({ order: { sequence: 'ASC' } })).map((r) => r.id);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'comptoir-gate-'));
    ds = new DataSource({
      ...databaseOptions({ dataDir: dir, database: { file: 'g.sqlite', busyTimeoutMs: 1000 } }),
      entities: [OutboxExecutionEntity],
    });
    await ds.initialize();
    await ds.runMigrations();
    lock = new WriteLock(ds);
  });

  afterEach(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an insert made outside while a transaction is open survives that transaction rolling back', async () => {
    // Another request writes meanwhile, on its own (an idempotency key, a scan record…).
    const outside = fromOutside(() => ds.getRepository(OutboxExecutionEntity).insert(row('x2')));
    const failed = lock.transaction(async (m) => {
      await m.getRepository(OutboxExecutionEntity).insert(row('x1'));
      outside.go();
      await new Promise((r) => setTimeout(r, 30));
      throw new Error('refused');
    });
    await expect(failed).rejects.toThrow('refused');
    await outside.done;
    expect(await ids()).toEqual(['x2']);
  });

  it('a read made outside does not wait: a transaction may await a look-up another request started', async () => {
    // The referential cache shares concurrent first reads: the transaction awaits the outside read.
    const outside = fromOutside(() => ids());
    const seen = await lock.transaction(async (m) => {
      await m.getRepository(OutboxExecutionEntity).insert(row('x1'));
      outside.go();
      return outside.done; // would never settle if reads waited for the commit
    });
    expect(seen).toEqual(['x1']);
  });

  it('a write made outside waits for the commit; the transaction goes on meanwhile', async () => {
    const order: string[] = [];
    const outside = fromOutside(() =>
      ds
        .getRepository(OutboxExecutionEntity)
        .insert(row('x3'))
        .then(() => order.push('outside')),
    );
    await lock.transaction(async (m) => {
      const repo = m.getRepository(OutboxExecutionEntity);
      await repo.insert(row('x1'));
      outside.go();
      await new Promise((r) => setTimeout(r, 20));
      await repo.insert(row('x2'));
      order.push('inside');
    });
    await outside.done;
    expect(order).toEqual(['inside', 'outside']);
    expect(await ids()).toEqual(['x1', 'x2', 'x3']);
  });

  it('transactions queued on the lock and bare statements interleave without error', async () => {
    const work = Array.from({ length: 20 }, (_, i) =>
      i % 2
        ? lock.transaction((m) => m.getRepository(OutboxExecutionEntity).insert(row(`x${i}`)))
        : ds.getRepository(OutboxExecutionEntity).insert(row(`x${i}`)),
    );
    await Promise.all(work);
    expect((await ids()).length).toBe(20);
  });
});
