import { comptoir } from '../support/api-request';
import { DataSource } from 'typeorm';
import { Database } from '../../src/core/database/database';
import { EventsService } from '../../src/core/events/events.service';
import { OutboxExecutionEntity } from '../../src/core/outbox/outbox-execution.entity';
import { OutboxWriter } from '../../src/core/outbox/outbox.writer';
import { TeleservicePort } from '../../src/prescription/teleservice/teleservice.port';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { CIP } from '../factories/dispensation.factory';
import { CounterClient } from '../support/counter-client';
import { gs1Pack, paracetamolSeed } from '../support/dispense-flow';
import { ExpectedCall, sameCall, serialOf } from '../support/outbox-crash';
import { executionPayload, fetchLedger, ledgerViolations } from '../support/outbox-ledger';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';

jest.setTimeout(60_000);

/** What the LGO's own credential sees: every event of the pharmacy. */
const EVERY_EVENT = { principal: { pharmacyId: 'default', terminalId: '*', role: 'lgo' as const } };

const FAST = {
  teleservice: { timeoutMs: 250, breaker: { failureThreshold: 5, cooldownMs: 50 } },
  execution: { concurrency: 4, rateLimitPerSecond: 0, pollMs: 20, backoffMs: { min: 10, max: 100 } },
};

describe('outbox: ordered, exactly-once delivery to the teleservice sandbox', () => {
  let t: SandboxedApp;
  const api = () => comptoir(t.url);
  const auth = { Authorization: `Bearer ${TOKENS.backoffice}` };
  const rows = () => t.app.get(DataSource).getRepository(OutboxExecutionEntity);

  const append = (
    prescriptionId: string,
    payload: object,
    kind: OutboxExecutionEntity['kind'] = 'execution',
  ) =>
    t.app.get(Database).transaction((m) =>
      t.app.get(OutboxWriter).append(m, {
        pharmacyId: 'default',
        prescriptionId,
        kind,
        payload: payload as Record<string, unknown>,
      }),
    );

  /**
   * Seeds `prescriptions` prescriptions of one line of `perPrescription` boxes and dispenses them one box at
   * a time over the HTTP API from both counters, interleaved; returns, per prescription, what each
   * successive call carried: the serial of the box an execution delivered, or (with `cancelRound`) the
   * number a cancellation cancelled — that round's executions are cancelled once acknowledged.
   */
  const fill = async (prescriptions: number, perPrescription: number, cancelRound?: number) => {
    const seed = paracetamolSeed();
    seed.lines = [{ ...seed.lines[0], quantity: { boxes: perPrescription } }];
    const seeded = await Promise.all(Array.from({ length: prescriptions }, () => t.seed(seed)));
    const expected = new Map<string, ExpectedCall[]>(seeded.map((s) => [s.prescriptionId, []]));
    const counters = [
      new CounterClient(t.url, TOKENS.counter1, 'counter-1', 30_000),
      new CounterClient(t.url, TOKENS.counter2, 'counter-2', 30_000),
    ];
    for (let n = 0; n < perPrescription; n += 1) {
      await Promise.all(
        counters.map(async (counter, c) => {
          for (let i = c; i < seeded.length; i += counters.length) {
            const pack = gs1Pack(CIP.dolipraneGelule);
            const v = await counter.dispense(seeded[i].qr, [pack]);
            const calls = expected.get(seeded[i].prescriptionId)!;
            expect(v.sequence).toBe(calls.length + 1);
            calls.push(serialOf(pack));
            if (n === cancelRound) {
              const sequence = await counter.cancelAcknowledged(v.executionId, 'Erreur de saisie du lot');
              calls.push({ cancels: v.sequence });
              expect(sequence).toBe(calls.length);
            }
          }
        }),
      );
    }
    return expected;
  };

  const undelivered = () => rows().count({ where: [{ status: 'queued' }, { status: 'sending' }] });
  const drained = (timeoutMs = 30_000) =>
    until(async () => (await undelivered()) === 0, {
      what: 'every outbox row delivered',
      timeoutMs,
      everyMs: 25,
      detail: async () => `${await undelivered()} row(s) still undelivered`,
    });

  /** Waits until every row named is in the status given. */
  const settled = (want: Record<string, OutboxExecutionEntity['status']>, timeoutMs = 15_000) => {
    const found = () => rows().findBy(Object.keys(want).map((id) => ({ id })));
    return until(
      async () => {
        const rs = await found();
        return rs.length === Object.keys(want).length && rs.every((r) => r.status === want[r.id]);
      },
      {
        what: `rows settled as ${JSON.stringify(want)}`,
        timeoutMs,
        everyMs: 25,
        detail: async () => `found ${(await found()).map((r) => `${r.id}=${r.status}`).join(' ')}`,
      },
    );
  };

  const checkLedgers = async (expected: Map<string, ExpectedCall[]>) => {
    for (const [id, calls] of expected) {
      expect([id, ledgerViolations(await fetchLedger(t.sandbox.url, id), calls, sameCall)]).toEqual([id, []]);
    }
  };

  beforeAll(async () => {
    t = await startSandboxedApp({ overrides: FAST });
  });
  afterAll(async () => t?.close());
  afterEach(async () => t.faults({ mode: 'none', rate: 0 }));

  it('delivers every sequence once, in order, across prescriptions; acks are stored and announced', async () => {
    const expected = await fill(4, 3);
    await drained();
    await checkLedgers(expected);
    const all = await rows().find();
    expect(all.every((r) => r.status === 'acknowledged' && r.acknowledgement && r.acknowledgedAt)).toBe(true);
    const acked = (await t.app.get(EventsService).since(0, EVERY_EVENT)).filter(
      (e) => e.type === 'execution-acknowledged',
    );
    expect(acked.length).toBeGreaterThanOrEqual(12);
    const first = all[0];
    const res = await api().get(`/api/v1/executions/${first.id}`).set(auth).expect(200);
    expect(res.body).toMatchObject({
      executionId: first.id,
      prescriptionId: first.prescriptionId,
      sequence: first.sequence,
      kind: 'execution',
      status: 'acknowledged',
      attempts: 1,
    });
    const list = await api()
      .get(`/api/v1/executions?prescriptionId=${first.prescriptionId}`)
      .set(auth)
      .expect(200);
    expect(list.body.items.map((i: { sequence: number }) => i.sequence)).toEqual([1, 2, 3]);
    const health = await api().get('/health').expect(200);
    expect(health.body.checks.outbox).toMatchObject({ status: 'up', detail: { backlog: 0, parked: 0 } });
  });

  it.each(['timeout', 'reset', 'malformed', 'http500', 'soap-fault'])(
    'with 30%% %s faults, cancellations mixed in: nothing lost, replays only as idempotent duplicates, nothing parked',
    async (mode) => {
      await t.faults({ mode, rate: 0.3, seed: 7 });
      const expected = await fill(3, 4, 1);
      await drained();
      await t.faults({ mode: 'none', rate: 0 });
      await checkLedgers(expected);
      const ids = [...expected.keys()];
      const mine = (await rows().find()).filter((r) => ids.includes(r.prescriptionId));
      expect(mine.map((r) => r.status).every((s) => s === 'acknowledged')).toBe(true);
      if (mode !== 'http500' && mode !== 'soap-fault') {
        const ledgers = await Promise.all(ids.map((id) => fetchLedger(t.sandbox.url, id)));
        expect(ledgers.flat().some((e) => e.duplicate)).toBe(true); // lost answers were resent and replayed
      }
    },
  );

  it('parks a business fault, blocks only that prescription, and cancels it through the queue', async () => {
    const [blocked, free] = [
      (await t.seed(EXAMPLE_SEED)).prescriptionId,
      (await t.seed(EXAMPLE_SEED)).prescriptionId,
    ];
    // The teleservice already holds sequence 1 of `blocked` with another payload (e.g. a restored backup).
    await t.app.get(TeleservicePort).recordExecution(blocked, 1, executionPayload('elsewhere'));
    const parked = await append(blocked, executionPayload('a'));
    const behind = await append(blocked, executionPayload('b'));
    const other = await append(free, executionPayload('c'));
    await settled({ [parked.executionId]: 'parked', [other.executionId]: 'acknowledged' });
    // The later row stays queued behind the parked one: a row appended after it, for another prescription,
    // is delivered, so the dispatcher has polled since with `behind` due, and passed it over.
    const probe = await append(free, executionPayload('d'));
    await settled({ [probe.executionId]: 'acknowledged' });
    const row = await api().get(`/api/v1/executions/${parked.executionId}`).set(auth).expect(200);
    expect(row.body).toMatchObject({
      status: 'parked',
      lastError: expect.stringMatching(/^EXECUTION_CONFLICT/),
    });
    expect((await rows().findOneByOrFail({ id: behind.executionId })).status).toBe('queued');
    expect((await rows().findOneByOrFail({ prescriptionId: free, sequence: 1 })).status).toBe('acknowledged');
    const events = await t.app.get(EventsService).since(0, EVERY_EVENT);
    expect(
      events.some(
        (e) =>
          e.type === 'execution-parked' &&
          (e.data as { executionId: string }).executionId === parked.executionId,
      ),
    ).toBe(true);
    const health = await api().get('/health').expect(200);
    expect(health.body.checks.outbox.detail).toMatchObject({ parked: 1, backlog: 1 });
    const listed = await api().get('/api/v1/executions?status=parked').set(auth).expect(200);
    expect(listed.body.items.map((i: { executionId: string }) => i.executionId)).toEqual([
      parked.executionId,
    ]);

    await api()
      .post(`/api/v1/executions/${behind.executionId}/cancel`)
      .set(auth)
      .send({ reason: 'x' })
      .expect(409);
    const cancelled = await api()
      .post(`/api/v1/executions/${parked.executionId}/cancel`)
      .set(auth)
      .send({ reason: 'Erreur de saisie du lot' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellation: expect.any(String) });
    await drained();
    const final = await rows().find({ where: { prescriptionId: blocked }, order: { sequence: 'ASC' } });
    expect(final.map((r) => [r.sequence, r.kind, r.status])).toEqual([
      [1, 'execution', 'cancelled'],
      [2, 'execution', 'acknowledged'],
      [3, 'cancellation', 'acknowledged'],
    ]);
    const ledger = await fetchLedger(t.sandbox.url, blocked);
    expect(ledger.map((e) => [e.sequence, e.kind, e.accepted, e.conflict])).toEqual([
      [1, 'execution', true, false],
      [1, 'execution', false, true],
      [2, 'execution', true, false],
      [3, 'cancellation', true, false],
    ]);
    expect(ledger[3].payload).toMatchObject({ executionSequence: 1, motif: 'Erreur de saisie du lot' });
  });

  it('retries a parked call once its cause is fixed; refuses what is not parked or unknown', async () => {
    const id = `2026112209${String(Date.now()).slice(-8)}`;
    const early = await append(id, executionPayload('early')); // not yet known to the teleservice
    await settled({ [early.executionId]: 'parked' });
    expect((await rows().findOneByOrFail({ id: early.executionId })).lastError).toMatch(
      /^PRESCRIPTION_UNKNOWN/,
    );
    await t.seed({ ...EXAMPLE_SEED, prescriptionId: id });
    const retried = await api().post(`/api/v1/executions/${early.executionId}/retry`).set(auth).expect(200);
    expect(retried.body.status).toMatch(/queued|sending|acknowledged/);
    await drained();
    expect(await rows().findOneByOrFail({ id: early.executionId })).toMatchObject({
      status: 'acknowledged',
      attempts: 2,
    });
    await api().post(`/api/v1/executions/${early.executionId}/retry`).set(auth).expect(409);
    const unknown = await api().post('/api/v1/executions/nope/retry').set(auth).expect(404);
    expect(unknown.body.code).toBe('EXECUTION_NOT_FOUND');
    await api().get('/api/v1/executions/nope').set(auth).expect(404);
    await api().get('/api/v1/executions?status=bogus').set(auth).expect(400);
  });
});
