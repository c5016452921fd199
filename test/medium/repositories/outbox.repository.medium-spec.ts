import { OutboxExecutionEntity } from '../../../src/core/outbox/outbox-execution.entity';
import { OutboxRepository } from '../../../src/core/outbox/outbox.repository';
import { DispensationEntity } from '../../../src/dispensation/dispensation.entity';
import { DispensationRepository } from '../../../src/dispensation/dispensation.repository';
import { at, dispensationRow, outboxRow, T0 } from '../../factories/rows';
import { openTestDatabase, TestDatabase, testEngine } from '../../support/database';

describe(`OutboxRepository on ${testEngine()}`, () => {
  let t: TestDatabase;
  const repo = new OutboxRepository();
  const put = (...rows: OutboxExecutionEntity[]) =>
    t.db.transaction(async (m) => {
      for (const r of rows) await repo.insert(m, r);
    });
  const claim = (limit: number, exclude: string[] = [], now = at(10), owner = 'instance-a') =>
    t.db.transaction((m) => repo.claimDue(m, { now, limit, exclude, owner }));
  const statusOf = async (id: string) => (await repo.find(t.db.reader, id))?.status;

  beforeEach(async () => {
    t = await openTestDatabase([OutboxExecutionEntity, DispensationEntity]);
  });

  afterEach(() => t.close());

  it('numbers a prescription from 1, every kind sharing the sequence', async () => {
    expect(await repo.nextSequence(t.db.reader, 'default', 'P1')).toBe(1);
    await put(outboxRow({ sequence: 1 }), outboxRow({ sequence: 2, kind: 'post-invoice' }));
    expect(await repo.nextSequence(t.db.reader, 'default', 'P1')).toBe(3);
    expect(await repo.nextSequence(t.db.reader, 'default', 'P2')).toBe(1);
    // Per prescription and per executing pharmacy: another pharmacy's first call on P1 is its number 1.
    expect(await repo.nextSequence(t.db.reader, 'south', 'P1')).toBe(1);
    await put(outboxRow({ pharmacyId: 'south', sequence: 1 }));
    expect(await repo.nextSequence(t.db.reader, 'south', 'P1')).toBe(2);
    expect(await repo.nextSequence(t.db.reader, 'default', 'P1')).toBe(3);
  });

  it('round-trips a row: JSON payload, instants, nulls', async () => {
    const row = outboxRow({ payload: { a: [1, 'é'] }, nextAttemptAt: at(3), dispensationId: 'D1' });
    await put(row);
    expect(await repo.find(t.db.reader, row.id)).toEqual(row);
    expect(await repo.find(t.db.reader, 'nope')).toBeNull();
  });

  it('claims only due heads of line, in due order, skipping excluded prescriptions', async () => {
    const p1 = [1, 2].map((n) => outboxRow({ prescriptionId: 'P1', sequence: n }));
    const p2 = outboxRow({ prescriptionId: 'P2', sequence: 1, nextAttemptAt: at(-5) });
    const later = outboxRow({ prescriptionId: 'P3', sequence: 1, nextAttemptAt: at(60) });
    const p4 = outboxRow({ prescriptionId: 'P4', sequence: 1, nextAttemptAt: at(-1) });
    await put(...p1, p2, later, p4);
    const claimed = await claim(10, ['P4']);
    expect(claimed.map((r) => [r.prescriptionId, r.sequence, r.status, r.attempts, r.claimedBy])).toEqual([
      ['P2', 1, 'sending', 1, 'instance-a'],
      ['P1', 1, 'sending', 1, 'instance-a'],
    ]);
    expect(await repo.find(t.db.reader, p2.id)).toMatchObject({ status: 'sending', claimedBy: 'instance-a' });
    expect(await statusOf(p1[1].id)).toBe('queued');
    // A sending head hides the rest of its prescription; nothing else is due.
    expect(await claim(10, ['P4'])).toEqual([]);
    expect((await claim(10)).map((r) => r.prescriptionId)).toEqual(['P4']);
  });

  it('a parked head blocks its prescription; cancelling it lets the next one go', async () => {
    const [first, second] = [1, 2].map((n) => outboxRow({ sequence: n }));
    await put(first, second);
    await claim(1);
    await t.db.transaction((m) => repo.park(m, first.id, 'NOT_AUTHORISED: no', at(11)));
    expect(await claim(5)).toEqual([]);
    expect(await t.db.transaction((m) => repo.cancel(m, first.id, at(12)))).toBe(true);
    expect((await claim(5)).map((r) => r.id)).toEqual([second.id]);
  });

  it("keeps each pharmacy's line of a prescription apart: another's parked head blocks nothing here", async () => {
    const southParked = outboxRow({ pharmacyId: 'south', sequence: 1, status: 'parked' });
    const southNext = outboxRow({ pharmacyId: 'south', sequence: 2 });
    const ownSecond = outboxRow({ sequence: 2 });
    await put(southParked, southNext, outboxRow({ sequence: 1, status: 'acknowledged' }), ownSecond);
    expect((await claim(10)).map((r) => r.id)).toEqual([ownSecond.id]);
    const cancellation = outboxRow({ pharmacyId: 'south', kind: 'cancellation', sequence: 3, cancels: 1 });
    await put(cancellation);
    // A cancellation names a number of its own pharmacy's line.
    expect((await t.db.transaction((m) => repo.liveCancellationOf(m, southParked)))?.id).toBe(
      cancellation.id,
    );
    expect(
      await t.db.transaction((m) => repo.liveCancellationOf(m, { ...southParked, pharmacyId: 'default' })),
    ).toBeNull();
  });

  it('claims at most `limit` rows', async () => {
    await put(...['A', 'B', 'C'].map((p) => outboxRow({ prescriptionId: p })));
    expect(await claim(2)).toHaveLength(2);
    expect(await claim(0)).toEqual([]);
  });

  it('moves a row only from the status it expects', async () => {
    const row = outboxRow();
    await put(row);
    const move = (f: Parameters<typeof t.db.transaction>[0]) => t.db.transaction(f);
    expect(await move((m) => repo.acknowledge(m, row.id, { id: 'A1' }, at(1)))).toBe(false);
    await claim(1);
    expect(await move((m) => repo.acknowledge(m, row.id, { id: 'A1' }, at(1)))).toBe(true);
    expect(await move((m) => repo.acknowledge(m, row.id, { id: 'A2' }, at(2)))).toBe(false);
    expect(await move((m) => repo.park(m, row.id, 'x', at(2)))).toBe(false);
    expect(await move((m) => repo.requeue(m, row.id, 'sending', at(2), 'x', at(2)))).toBe(false);
    expect(await repo.find(t.db.reader, row.id)).toMatchObject({
      status: 'acknowledged',
      acknowledgement: { id: 'A1' },
      acknowledgedAt: at(1),
      lastError: null,
    });
  });

  it('recovers only the rows of instances no longer alive, or every row left sending', async () => {
    const [a, b, c] = ['A', 'B', 'C'].map((p) => outboxRow({ prescriptionId: p }));
    await put(a, b, c);
    await claim(1, ['B', 'C'], at(10), 'alive-1');
    await claim(1, ['C'], at(10), 'dead-1');
    await claim(1, [], at(10), 'alive-2');
    expect(await t.db.transaction((m) => repo.recover(m, at(20), ['alive-1', 'alive-2']))).toBe(1);
    expect(await repo.find(t.db.reader, b.id)).toMatchObject({
      status: 'queued',
      claimedBy: null,
      nextAttemptAt: at(20),
    });
    expect(await statusOf(a.id)).toBe('sending');
    expect(await t.db.transaction((m) => repo.recover(m, at(30)))).toBe(2);
    expect([await statusOf(a.id), await statusOf(c.id)]).toEqual(['queued', 'queued']);
  });

  it('requeues with a due date and the error, and recovers rows left sending', async () => {
    const [a, b] = [outboxRow({ prescriptionId: 'A' }), outboxRow({ prescriptionId: 'B' })];
    await put(a, b);
    await claim(2);
    expect(await t.db.transaction((m) => repo.requeue(m, a.id, 'sending', at(30), 'TIMEOUT', at(10)))).toBe(
      true,
    );
    expect(await repo.find(t.db.reader, a.id)).toMatchObject({
      status: 'queued',
      nextAttemptAt: at(30),
      lastError: 'TIMEOUT',
    });
    expect(await t.db.transaction((m) => repo.recover(m, at(20)))).toBe(1);
    expect(await repo.find(t.db.reader, b.id)).toMatchObject({ status: 'queued', nextAttemptAt: at(20) });
  });

  it('counts by status and dates the oldest pending call', async () => {
    await put(
      outboxRow({ prescriptionId: 'A', createdAt: at(5) }),
      outboxRow({ prescriptionId: 'B', createdAt: at(2) }),
      outboxRow({ prescriptionId: 'C', status: 'parked', createdAt: at(1) }),
      outboxRow({ prescriptionId: 'D', status: 'acknowledged', createdAt: at(0) }),
    );
    expect(await repo.counts(t.db.reader)).toEqual({ queued: 2, parked: 1, acknowledged: 1 });
    expect(await repo.pending(t.db.reader)).toEqual({
      queued: { n: 2, oldest: at(2) },
      parked: { n: 1, oldest: at(1) },
    });
    expect(await repo.oldestPendingAt(t.db.reader)).toEqual(at(2));
  });

  it('has no oldest pending call when nothing is owed', async () => {
    await put(outboxRow({ status: 'acknowledged', createdAt: T0 }));
    expect(await repo.oldestPendingAt(t.db.reader)).toBeUndefined();
  });

  it('lists by status, prescription and terminal, in prescription and sequence order', async () => {
    const dispensations = new DispensationRepository();
    const d1 = dispensationRow({ terminalId: 'counter-1' });
    const d2 = dispensationRow({ terminalId: 'counter-2', prescriptionId: 'P2' });
    await t.db.transaction(async (m) => {
      await dispensations.insert(m, d1);
      await dispensations.insert(m, d2);
    });
    await put(
      outboxRow({ prescriptionId: 'P2', sequence: 1, dispensationId: d2.id }),
      outboxRow({ prescriptionId: 'P1', sequence: 2, dispensationId: d1.id, kind: 'post-invoice' }),
      outboxRow({ prescriptionId: 'P1', sequence: 1, dispensationId: d1.id, status: 'acknowledged' }),
      // Another pharmacy's call on the same national prescription: never in this pharmacy's answers.
      outboxRow({ pharmacyId: 'south', prescriptionId: 'P1', sequence: 1 }),
    );
    const keys = (rows: OutboxExecutionEntity[]) => rows.map((r) => `${r.prescriptionId}#${r.sequence}`);
    expect(keys(await repo.list(t.db.reader, 'default', {}))).toEqual(['P1#1', 'P1#2', 'P2#1']);
    expect(keys(await repo.list(t.db.reader, 'default', { status: 'queued' }))).toEqual(['P1#2', 'P2#1']);
    expect(keys(await repo.list(t.db.reader, 'default', { prescriptionId: 'P2' }))).toEqual(['P2#1']);
    expect(keys(await repo.list(t.db.reader, 'default', { terminalId: 'counter-1' }))).toEqual([
      'P1#1',
      'P1#2',
    ]);
    expect(keys(await repo.list(t.db.reader, 'default', {}, 2))).toEqual(['P1#1', 'P1#2']);
    expect(keys(await repo.byPrescription(t.db.reader, 'default', 'P1'))).toEqual(['P1#1', 'P1#2']);
    expect(keys(await repo.byDispensations(t.db.reader, [d2.id, d1.id]))).toEqual(['P1#1', 'P1#2', 'P2#1']);
    expect(await repo.byDispensations(t.db.reader, [])).toEqual([]);
    expect((await repo.firstOf(t.db.reader, d1.id, 'post-invoice'))?.sequence).toBe(2);
    expect(await repo.firstOf(t.db.reader, d2.id, 'cancellation')).toBeNull();
  });

  it('answers the dashboard: statuses of prescriptions, changes and execution times in a range', async () => {
    await put(
      outboxRow({
        prescriptionId: 'P1',
        updatedAt: at(1),
        createdAt: at(1),
        acknowledgedAt: at(4),
        status: 'acknowledged',
      }),
      outboxRow({
        prescriptionId: 'P1',
        sequence: 2,
        kind: 'post-invoice',
        updatedAt: at(50),
        createdAt: at(2),
      }),
      outboxRow({ prescriptionId: 'P2', updatedAt: at(90), createdAt: at(90) }),
      outboxRow({
        pharmacyId: 'south',
        prescriptionId: 'P3',
        status: 'parked',
        updatedAt: at(5),
        createdAt: at(5),
      }),
    );
    expect((await repo.statusOf(t.db.reader, 'default', ['P1', 'P3'])).map((r) => r.status).sort()).toEqual([
      'acknowledged',
      'queued',
    ]);
    expect((await repo.changedIn(t.db.reader, 'default', at(0), at(60))).sort()).toEqual(['P1']);
    expect((await repo.changedIn(t.db.reader, 'south', at(0), at(60))).sort()).toEqual(['P3']);
    expect((await repo.pending(t.db.reader, 'default')).parked).toBeUndefined();
    expect((await repo.pending(t.db.reader, 'south')).parked?.n).toBe(1);
    expect((await repo.pending(t.db.reader)).parked?.n).toBe(1);
  });

  it('refuses a second row with the same sequence for a prescription', async () => {
    await put(outboxRow({ sequence: 1 }));
    await expect(put(outboxRow({ sequence: 1 }))).rejects.toThrow(/UNIQUE|duplicate key/);
  });
});
