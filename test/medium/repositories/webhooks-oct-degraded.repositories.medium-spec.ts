import { OutboxExecutionEntity } from '../../../src/core/outbox/outbox-execution.entity';
import { WebhookDeliveryEntity, WebhookEntity } from '../../../src/core/webhooks/webhook.entity';
import { WebhookRepository } from '../../../src/core/webhooks/webhook.repository';
import { DegradedRepository } from '../../../src/dispensation/degraded/degraded.repository';
import { DispensationEntity } from '../../../src/dispensation/dispensation.entity';
import { DispensationRepository } from '../../../src/dispensation/dispensation.repository';
import type { OctReport } from '../../../src/execution/oct/oct-report';
import { OctReportEntity } from '../../../src/execution/oct/oct-report.entity';
import { OctReportRepository } from '../../../src/execution/oct/oct-report.repository';
import { OutboxRepository } from '../../../src/core/outbox/outbox.repository';
import { at, dispensationRow, outboxRow } from '../../factories/rows';
import { openTestDatabase, TestDatabase, testEngine } from '../../support/database';

/** The repositories issues 19 and 21 brought, converted to the one data access layer when merged. */
describe(`webhook, OCT report and degraded-mode repositories on ${testEngine()}`, () => {
  let t: TestDatabase;
  const write = <T>(work: Parameters<typeof t.db.transaction<T>>[0]) => t.db.transaction(work);

  beforeEach(async () => {
    t = await openTestDatabase([
      WebhookEntity,
      WebhookDeliveryEntity,
      OctReportEntity,
      DispensationEntity,
      OutboxExecutionEntity,
    ]);
  });

  afterEach(() => t.close());

  /**
   * Two instances claiming at once. On PostgreSQL the second claims while the first's transaction still
   * holds what it claimed (locked, not committed); on SQLite the one writer runs them one after the other.
   */
  async function twoClaimers<T>(claim: Parameters<typeof t.db.transaction<T[]>>[0]): Promise<[T[], T[]]> {
    if (t.engine === 'sqlite') return Promise.all([write(claim), write(claim)]);
    let claimedA!: () => void;
    const aHolds = new Promise<void>((r) => (claimedA = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const a = write(async (m) => {
      const rows = await claim(m);
      claimedA();
      await released;
      return rows;
    });
    await aHolds;
    let b: T[];
    try {
      b = await write(claim);
    } finally {
      release();
    }
    return [await a, b];
  }

  const hook = (id: string, pharmacyId: string, minute: number): WebhookEntity => ({
    id,
    pharmacyId,
    url: `https://lgo.example/${id}`,
    events: '["scan"]',
    secret: 's'.repeat(32),
    createdAt: at(minute),
  });
  const delivery = (id: string, webhookId: string, orderKey = '-') => ({
    id,
    webhookId,
    pharmacyId: 'default',
    eventId: id,
    eventType: 'scan',
    orderKey,
    body: '{}',
    status: 'queued' as const,
    attempts: 0,
    nextAttemptAt: at(0),
    lastStatus: null,
    lastError: null,
    deliveredAt: null,
    createdAt: at(0),
  });

  it('WebhookRepository: hooks by pharmacy, deliveries queued in order, their outcome, removal', async () => {
    const repo = new WebhookRepository();
    await write(async (m) => {
      await repo.insert(m, hook('h2', 'default', 2));
      await repo.insert(m, hook('h1', 'default', 1));
      await repo.insert(m, hook('h3', 'other', 3));
      await repo.enqueue(m, [delivery('d1', 'h1'), delivery('d2', 'h1'), delivery('d3', 'h2')]);
      await repo.enqueue(m, []);
    });
    expect((await repo.ofPharmacy(t.db.reader, 'default')).map((h) => h.id)).toEqual(['h1', 'h2']);
    expect((await repo.all(t.db.reader)).length).toBe(3);
    expect((await repo.byIds(t.db.reader, ['h3', 'h9'])).map((h) => h.id)).toEqual(['h3']);
    expect(await repo.byIds(t.db.reader, [])).toEqual([]);
    expect(await repo.find(t.db.reader, 'h9')).toBeNull();
    const claim = (now: Date, limit = 10) =>
      write((m) => repo.claimDue(m, { now, limit, scan: 200, leaseUntil: at(3) }));
    // The heads of (h1, -) and (h2, -): d2 waits behind d1.
    const claimed = await claim(at(0));
    expect(claimed.map((d) => [d.id, d.status, d.attempts])).toEqual([
      ['d1', 'sending', 1],
      ['d3', 'sending', 1],
    ]);
    // Sending under a lease: nothing more is due, and d1 still hides d2.
    expect(await claim(at(1))).toEqual([]);
    expect(await repo.anyDue(t.db.reader, at(2))).toBe(true); // d2, behind d1: the claim decides
    expect(await repo.anyDue(t.db.reader, at(-1))).toBe(false);
    expect(await write((m) => repo.delivered(m, claimed[0], 204, at(1)))).toBe(true);
    expect(await write((m) => repo.delivered(m, claimed[0], 204, at(1)))).toBe(false);
    const [d2] = await claim(at(1), 1);
    expect([d2.id, d2.attempts]).toEqual(['d2', 1]);
    await write((m) => repo.renew(m, [d2], at(4)));
    expect(await write((m) => repo.failed(m, d2, 500, 'HTTP 500', at(9)))).toBe(true);
    expect((await repo.log(t.db.reader, 'h1', 10)).map((d) => [d.id, d.status, d.lastStatus])).toEqual([
      ['d2', 'queued', 500],
      ['d1', 'delivered', 204],
    ]);
    // d3's lease lapsed at 3 (its instance died): claimed again, the old attempt's outcome refused.
    const [again] = await claim(at(5));
    expect([again.id, again.attempts]).toEqual(['d3', 2]);
    expect(await write((m) => repo.delivered(m, claimed[1], 204, at(5)))).toBe(false);
    expect(await write((m) => repo.release(m, at(6)))).toBe(1);
    expect((await claim(at(6))).map((d) => [d.id, d.attempts])).toEqual([['d3', 3]]);
    await write((m) => repo.remove(m, 'h1'));
    expect(await repo.find(t.db.reader, 'h1')).toBeNull();
    // The delivered row stays in the log; the queued one is gone with its webhook.
    expect((await repo.log(t.db.reader, 'h1', 10)).map((d) => d.id)).toEqual(['d1']);
    // A removed webhook's delivery in flight is gone too: its outcome changes nothing.
    await write((m) => repo.remove(m, 'h2'));
    expect((await repo.log(t.db.reader, 'h2', 10)).map((d) => d.id)).toEqual([]);
  });

  it('WebhookRepository: two instances claiming at once never take one delivery', async () => {
    const repo = new WebhookRepository();
    await write(async (m) => {
      await repo.insert(m, hook('h1', 'default', 0));
      const rows = [];
      for (let k = 1; k <= 6; k += 1)
        for (const n of [1, 2]) rows.push(delivery(`d${k}-${n}`, 'h1', `prescription:P${k}`));
      await repo.enqueue(m, rows);
    });
    const [a, b] = await twoClaimers((m) =>
      repo.claimDue(m, { now: at(1), limit: 4, scan: 200, leaseUntil: at(2) }),
    );
    const ids = [...a, ...b].map((d) => d.id);
    // Six heads between them, each once; no second row of a prescription while its first is in flight.
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(['d1-1', 'd2-1', 'd3-1', 'd4-1', 'd5-1', 'd6-1']);
    expect(Math.min(a.length, b.length)).toBe(2);
  });

  it('OctReportRepository: two instances claiming at once never take one report', async () => {
    const repo = new OctReportRepository();
    await write(async (m) => {
      for (let i = 1; i <= 6; i += 1)
        await repo.append(
          m,
          'default',
          { reportId: `r${i}`, prescriptionId: 'P1' } as unknown as OctReport,
          at(i),
        );
    });
    const [a, b] = await twoClaimers((m) => repo.claimDue(m, { now: at(10), limit: 4, leaseUntil: at(11) }));
    const ids = [...a, ...b].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect([a.length, b.length].sort()).toEqual([2, 4]);
  });

  it('OctReportRepository: queued, due in order, delivered or failed, counted', async () => {
    const repo = new OctReportRepository();
    const report = (id: string) => ({ reportId: id, prescriptionId: 'P1' }) as unknown as OctReport;
    await write(async (m) => {
      await repo.append(m, 'default', report('r1'), at(1));
      await repo.append(m, 'default', report('r2'), at(2));
      await repo.append(m, 'default', report('r3'), at(20));
    });
    const claim = (now: Date, limit = 10, leaseUntil = at(8)) =>
      write((m) => repo.claimDue(m, { now, limit, leaseUntil }));
    const [r1] = await claim(at(5), 1);
    expect([r1.id, r1.status, r1.attempts]).toEqual(['r1', 'sending', 1]);
    const [r2] = await claim(at(5));
    expect(r2.id).toBe('r2');
    expect(await claim(at(5))).toEqual([]);
    expect(await repo.anyDue(t.db.reader, at(5))).toBe(false);
    expect(await repo.anyDue(t.db.reader, at(20))).toBe(true);
    expect(await repo.counts(t.db.reader)).toEqual({ queued: 3 });
    expect(await write((m) => repo.delivered(m, r1, at(6)))).toBe(true);
    expect(await write((m) => repo.failed(m, r2, 'refused', null))).toBe(true);
    const [r3] = await claim(at(20));
    await write((m) => repo.renew(m, [r3], at(25)));
    expect(await claim(at(24))).toEqual([]);
    expect(await write((m) => repo.failed(m, r3, 'timeout', at(30)))).toBe(true);
    // A lease that lapsed: claimed again, the old attempt's outcome refused; SQLite's start releases it.
    const [again] = await claim(at(30), 1, at(31));
    expect(again.attempts).toBe(2);
    const [third] = await claim(at(32));
    expect(third.attempts).toBe(3);
    expect(await write((m) => repo.delivered(m, again, at(32)))).toBe(false);
    expect(await write((m) => repo.release(m, at(33)))).toBe(1);
    expect(await write((m) => repo.failed(m, third, 'lost', null))).toBe(false);
    const [fourth] = await claim(at(33));
    expect(await write((m) => repo.failed(m, fourth, 'timeout', at(30)))).toBe(true);
    expect(await repo.find(t.db.reader, 'r1')).toMatchObject({ status: 'delivered', deliveredAt: at(6) });
    expect(await repo.find(t.db.reader, 'r3')).toMatchObject({
      status: 'queued',
      attempts: 4,
      nextAttemptAt: at(30),
    });
    expect(await repo.find(t.db.reader, 'r9')).toBeNull();
    expect(await repo.counts(t.db.reader)).toEqual({ delivered: 1, failed: 1, queued: 1 });
  });

  it('DegradedRepository: dispensations awaiting the teleservice, held calls released, unsent calls', async () => {
    const repo = new DegradedRepository();
    const transcription = (state: string) =>
      ({ state, lines: [], patient: {}, prescriber: {}, createdAt: '2026-11-20' }) as never;
    const pending = dispensationRow({
      degraded: true,
      transcription: transcription('pending'),
      createdAt: at(1),
    });
    const equal = dispensationRow({
      prescriptionId: 'P2',
      degraded: true,
      transcription: transcription('equal'),
    });
    const closed = dispensationRow({
      prescriptionId: 'P3',
      status: 'cancelled',
      degraded: true,
      transcription: transcription('pending'),
    });
    await write(async (m) => {
      for (const d of [pending, equal, closed]) await new DispensationRepository().insert(m, d);
      const outbox = new OutboxRepository();
      await outbox.insert(m, outboxRow({ dispensationId: pending.id, sequence: 1, status: 'held' }));
      await outbox.insert(m, outboxRow({ dispensationId: pending.id, sequence: 2, status: 'queued' }));
      await outbox.insert(
        m,
        outboxRow({ dispensationId: pending.id, sequence: 3, status: 'queued', attempts: 1 }),
      );
    });
    expect((await repo.awaitingRetrieval(t.db.reader)).map((d) => d.id)).toEqual([pending.id]);
    expect((await repo.unsent(t.db.reader, pending.id)).map((o) => o.sequence)).toEqual([1, 2]);
    expect(await write((m) => repo.releaseHeld(m, pending.id, at(7)))).toBe(1);
    expect(await write((m) => repo.releaseHeld(m, pending.id, at(8)))).toBe(0);
    expect((await repo.unsent(t.db.reader, pending.id)).map((o) => [o.sequence, o.status])).toEqual([
      [1, 'queued'],
      [2, 'queued'],
    ]);
  });
});
