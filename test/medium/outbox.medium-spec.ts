import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/core/clock/clock';
import { OutboxExecutionEntity } from '../../src/core/outbox/outbox-execution.entity';
import { OutboxRepository } from '../../src/core/outbox/outbox.repository';
import { OutboxWriter } from '../../src/core/outbox/outbox.writer';
import { openTestDatabase, TestDatabase, testEngine } from '../support/database';

describe(`outbox writer on a real ${testEngine()} database`, () => {
  let t: TestDatabase;
  let ds: DataSource;
  const writer = new OutboxWriter(new FixedClock(new Date('2026-11-23T10:00:00Z')), new OutboxRepository());

  beforeEach(async () => {
    t = await openTestDatabase([OutboxExecutionEntity]);
    ds = t.ds;
  });

  afterEach(async () => {
    await t.close();
  });

  it('numbers calls per prescription from 1, every kind sharing the sequence', async () => {
    const seqs: number[] = [];
    for (const kind of ['execution', 'post-invoice', 'cancellation'] as const) {
      seqs.push(
        (
          await ds.transaction((m) =>
            writer.append(m, { pharmacyId: 'default', prescriptionId: 'P1', kind, payload: { k: kind } }),
          )
        ).sequence,
      );
    }
    const other = await ds.transaction((m) =>
      writer.append(m, { pharmacyId: 'default', prescriptionId: 'P2', kind: 'execution', payload: {} }),
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

  it('numbers per prescription and per executing pharmacy (API.md): each pharmacy starts at 1', async () => {
    const append = (pharmacyId: string) =>
      ds.transaction((m) =>
        writer.append(m, { pharmacyId, prescriptionId: 'P1', kind: 'execution', payload: {} }),
      );
    const numbers = [];
    for (const pharmacyId of ['north', 'south', 'north', 'south', 'south'])
      numbers.push((await append(pharmacyId)).sequence);
    expect(numbers).toEqual([1, 1, 2, 2, 3]);
    const repo = ds.getRepository(OutboxExecutionEntity);
    const north = await repo.findOneByOrFail({ pharmacyId: 'north', sequence: 1 });
    // The unique index is per (pharmacy, prescription, sequence): north's number 1 again is refused.
    await expect(
      repo.insert({ ...north, id: 'another-id' } as Parameters<typeof repo.insert>[0]),
    ).rejects.toThrow(/UNIQUE|duplicate key/);
  });

  it("rolls back with the caller's transaction: nothing acknowledged, nothing owed", async () => {
    await expect(
      ds.transaction(async (m) => {
        await writer.append(m, {
          pharmacyId: 'default',
          prescriptionId: 'P1',
          kind: 'execution',
          payload: {},
        });
        throw new Error('validation failed after the append');
      }),
    ).rejects.toThrow('validation failed');
    expect(await ds.getRepository(OutboxExecutionEntity).count()).toBe(0);
    const next = await ds.transaction((m) =>
      writer.append(m, { pharmacyId: 'default', prescriptionId: 'P1', kind: 'execution', payload: {} }),
    );
    expect(next.sequence).toBe(1);
  });

  it('refuses two rows with the same sequence for one prescription', async () => {
    await ds.transaction((m) =>
      writer.append(m, { pharmacyId: 'default', prescriptionId: 'P1', kind: 'execution', payload: {} }),
    );
    const repo = ds.getRepository(OutboxExecutionEntity);
    const row = (await repo.findOneByOrFail({ prescriptionId: 'P1' })) as OutboxExecutionEntity;
    await expect(
      repo.insert({ ...row, id: 'another-id' } as Parameters<typeof repo.insert>[0]),
    ).rejects.toThrow(/UNIQUE|duplicate key/);
  });
});
