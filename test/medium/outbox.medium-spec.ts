import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/core/clock/clock';
import { databaseOptions } from '../../src/core/database/database.options';
import { OutboxExecutionEntity } from '../../src/core/outbox/outbox-execution.entity';
import { OutboxWriter } from '../../src/core/outbox/outbox.writer';

describe('outbox writer on a real SQLite file', () => {
  let dir: string;
  let ds: DataSource;
  const writer = new OutboxWriter(new FixedClock(new Date('2026-11-23T10:00:00Z')));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'comptoir-outbox-'));
    ds = new DataSource({
      ...databaseOptions({ dataDir: dir, database: { file: 'o.sqlite', busyTimeoutMs: 1000 } }),
      entities: [OutboxExecutionEntity],
    });
    await ds.initialize();
    await ds.runMigrations();
  });

  afterEach(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('numbers calls per prescription from 1, every kind sharing the sequence', async () => {
    const seqs: number[] = [];
    for (const kind of ['execution', 'post-invoice', 'cancellation'] as const) {
      seqs.push(
        (await ds.transaction((m) => writer.append(m, { prescriptionId: 'P1', kind, payload: { k: kind } })))
          .sequence,
      );
    }
    const other = await ds.transaction((m) =>
      writer.append(m, { prescriptionId: 'P2', kind: 'execution', payload: {} }),
    );
    expect(seqs).toEqual([1, 2, 3]);
    expect(other.sequence).toBe(1);
    const rows = await ds
      .getRepository(OutboxExecutionEntity)
      .find({ where: { prescriptionId: 'P1' }, order: { sequence: 'ASC' } });
    expect(rows.map((r) => [r.sequence, r.kind, r.status, r.payload])).toEqual([
      [1, 'execution', 'queued', { k: 'execution' }],
      [2, 'post-invoice', 'queued', { k: 'post-invoice' }],
      [3, 'cancellation', 'queued', { k: 'cancellation' }],
    ]);
  });

  it("rolls back with the caller's transaction: nothing acknowledged, nothing owed", async () => {
    await expect(
      ds.transaction(async (m) => {
        await writer.append(m, { prescriptionId: 'P1', kind: 'execution', payload: {} });
        throw new Error('validation failed after the append');
      }),
    ).rejects.toThrow('validation failed');
    expect(await ds.getRepository(OutboxExecutionEntity).count()).toBe(0);
    const next = await ds.transaction((m) =>
      writer.append(m, { prescriptionId: 'P1', kind: 'execution', payload: {} }),
    );
    expect(next.sequence).toBe(1);
  });

  it('refuses two rows with the same sequence for one prescription', async () => {
    await ds.transaction((m) => writer.append(m, { prescriptionId: 'P1', kind: 'execution', payload: {} }));
    const repo = ds.getRepository(OutboxExecutionEntity);
    const row = (await repo.findOneByOrFail({ prescriptionId: 'P1' })) as OutboxExecutionEntity;
    await expect(
      repo.insert({ ...row, id: 'another-id' } as Parameters<typeof repo.insert>[0]),
    ).rejects.toThrow(/UNIQUE/);
  });
});
