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

  it('WebhookRepository: hooks by pharmacy, deliveries queued in order, their outcome, removal', async () => {
    const repo = new WebhookRepository();
    const hook = (id: string, pharmacyId: string, minute: number): WebhookEntity => ({
      id,
      pharmacyId,
      url: `https://lgo.example/${id}`,
      events: '["scan"]',
      secret: 's'.repeat(32),
      createdAt: at(minute),
    });
    const delivery = (id: string, webhookId: string) => ({
      id,
      webhookId,
      pharmacyId: 'default',
      eventId: id,
      eventType: 'scan',
      orderKey: '-',
      body: '{}',
      status: 'queued' as const,
      attempts: 0,
      nextAttemptAt: at(0),
      lastStatus: null,
      lastError: null,
      deliveredAt: null,
      createdAt: at(0),
    });
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
    const queued = await repo.queued(t.db.reader, 10);
    expect(queued.map((d) => d.id)).toEqual(['d1', 'd2', 'd3']);
    await write((m) => repo.delivered(m, queued[0].seq, 1, 204, at(5)));
    await write((m) => repo.failed(m, queued[1].seq, 1, 500, 'HTTP 500', at(9)));
    expect((await repo.queued(t.db.reader, 10)).map((d) => [d.id, d.attempts, d.nextAttemptAt])).toEqual([
      ['d2', 1, at(9)],
      ['d3', 0, at(0)],
    ]);
    expect((await repo.log(t.db.reader, 'h1', 10)).map((d) => [d.id, d.status, d.lastStatus])).toEqual([
      ['d2', 'queued', 500],
      ['d1', 'delivered', 204],
    ]);
    await write((m) => repo.remove(m, 'h1'));
    expect(await repo.find(t.db.reader, 'h1')).toBeNull();
    // The delivered row stays in the log; the queued one is gone with its webhook.
    expect((await repo.log(t.db.reader, 'h1', 10)).map((d) => d.id)).toEqual(['d1']);
  });

  it('OctReportRepository: queued, due in order, delivered or failed, counted', async () => {
    const repo = new OctReportRepository();
    const report = (id: string) => ({ reportId: id, prescriptionId: 'P1' }) as unknown as OctReport;
    await write(async (m) => {
      await repo.append(m, 'default', report('r1'), at(1));
      await repo.append(m, 'default', report('r2'), at(2));
      await repo.append(m, 'default', report('r3'), at(20));
    });
    expect((await repo.due(t.db.reader, at(5), 10)).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect((await repo.due(t.db.reader, at(5), 1)).map((r) => r.id)).toEqual(['r1']);
    await write((m) => repo.delivered(m, 'r1', 1, at(6)));
    await write((m) => repo.failed(m, 'r2', 1, 'refused', null));
    await write((m) => repo.failed(m, 'r3', 1, 'timeout', at(30)));
    expect(await repo.find(t.db.reader, 'r1')).toMatchObject({ status: 'delivered', deliveredAt: at(6) });
    expect(await repo.find(t.db.reader, 'r3')).toMatchObject({ status: 'queued', nextAttemptAt: at(30) });
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
