import { DataSource } from 'typeorm';
import { Database } from '../../src/core/database/database';
import { databaseOptions } from '../../src/core/database/database.options';
import { OutboxExecutionEntity } from '../../src/core/outbox/outbox-execution.entity';
import { OutboxRepository } from '../../src/core/outbox/outbox.repository';
import { outboxRow } from '../factories/rows';
import { openTestDatabase, TestDatabase, testEngine } from '../support/database';
import { until } from '../support/until';

/** ARCHITECTURE.md § Data: reads see committed rows only; what must happen once is the database's call. */
describe(`Database on ${testEngine()}`, () => {
  let t: TestDatabase;
  const repo = new OutboxRepository();
  const ids = async () => (await repo.list(t.db.reader, 'default', {})).map((r) => r.id);

  beforeEach(async () => {
    t = await openTestDatabase([OutboxExecutionEntity]);
  });

  afterEach(() => t.close());

  it('a read never sees the rows of a transaction still open, and sees them once it commits', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const written = new Promise<void>((r) => (inserted = r));
    const row = outboxRow();
    const tx = t.db.transaction(async (m) => {
      await repo.insert(m, row);
      inserted();
      await held;
    });
    await written;
    expect(await ids()).toEqual([]);
    release();
    await tx;
    expect(await ids()).toEqual([row.id]);
  });

  it("a rolled-back transaction leaves nothing, and another request's commit meanwhile is kept", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const kept = outboxRow({ prescriptionId: 'P2' });
    const failed = t.db.transaction(async (m) => {
      await repo.insert(m, outboxRow({ prescriptionId: 'P1' }));
      await held;
      throw new Error('refused');
    });
    const other = t.db.transaction((m) => repo.insert(m, kept));
    release();
    await expect(failed).rejects.toThrow('refused');
    await other;
    expect(await ids()).toEqual([kept.id]);
  });

  if (testEngine() === 'sqlite') {
    it('the reader is a read-only connection', async () => {
      await expect(repo.insert(t.db.reader, outboxRow())).rejects.toThrow(/readonly|read-only/i);
    });
  }

  it('transactions started at once all commit (one writer on SQLite, a pool on PostgreSQL)', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.db.transaction((m) => repo.insert(m, outboxRow({ prescriptionId: `P${i}` }))),
      ),
    );
    expect(await ids()).toHaveLength(30);
  });

  // SQLite: one process owns the file and its one writer runs transactions one after the other.
  if (testEngine() !== 'postgres') return;

  it('another instance taking a key held by a transaction waits for its commit', async () => {
    // A second Database on the same database: another instance.
    const other = new Database(
      await new DataSource({ ...databaseOptions(t.config), entities: [OutboxExecutionEntity] }).initialize(),
      t.config,
    );
    await other.onModuleInit();
    try {
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const taken = new Promise<void>((r) => (locked = r));
      const first = t.db.transaction(async (m) => {
        await t.db.lock(m, 'outbox:P1');
        locked();
        await held;
        order.push('first');
      });
      await taken;
      const second = other.transaction(async (m) => {
        await other.lock(m, 'outbox:P1');
        order.push('second');
      });
      // The second taker is queued on the lock (PostgreSQL shows it waiting) while the first holds it.
      await until(
        async () =>
          (
            await t.sql<{ n: string }>(
              `SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
            )
          )[0].n === '1',
        { what: 'the second transaction waiting on the advisory lock' },
      );
      expect(order).toEqual([]);
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(['first', 'second']);
    } finally {
      await other.onApplicationShutdown();
      await (other as unknown as { source: DataSource }).source.destroy();
    }
  });
});
