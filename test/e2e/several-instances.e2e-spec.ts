import request from 'supertest';
import { CIP } from '../factories/dispensation.factory';
import { CounterClient } from '../support/counter-client';
import { gs1Pack, paracetamolSeed } from '../support/dispense-flow';
import { fetchLedger } from '../support/outbox-ledger';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { SseClient } from '../support/sse';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';
import { until } from '../support/until';

jest.setTimeout(120_000);

/**
 * Two instances of the service on one PostgreSQL database (ARCHITECTURE.md § Data), each over HTTP: what
 * must happen once is decided by the database, and a client of one instance sees what the other did.
 * PostgreSQL only (the e2e-pg project): SQLite is one process on one file.
 */
describe('two instances on one PostgreSQL database', () => {
  let a: SandboxedApp;
  let b: TestApp;
  const auth = (token = TOKENS.counter1) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    a = await startSandboxedApp({ overrides: { execution: { pollMs: 20 } } });
    b = await startTestApp({
      keepDataDir: a.dataDir,
      overrides: { teleservice: { url: a.sandbox.soapUrl, timeoutMs: 1500 }, execution: { pollMs: 20 } },
    });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('an event produced on one instance reaches the streams of the other, with the same id', async () => {
    const onA = new SseClient(`${a.url}/api/v1/events`, auth(TOKENS.lgo));
    const onB = new SseClient(`${b.url}/api/v1/events`, auth(TOKENS.lgo));
    expect([await onA.open(), await onB.open()]).toEqual([200, 200]);
    try {
      const scan = await request(a.url)
        .post('/api/v1/scans')
        .set(auth())
        .send({ data: CIP.dolipraneGelule, terminalId: 'counter-1' })
        .expect(201);
      const isThisScan = (e: { event?: string; data: unknown }) =>
        e.event === 'scan' && (e.data as { data: { id: string } }).data.id === scan.body.id;
      const [seenOnA, seenOnB] = await Promise.all([
        onA.waitFor(isThisScan),
        onB.waitFor(isThisScan, 10_000),
      ]);
      expect(seenOnB.id).toBe(seenOnA.id);
      // A client of B that reconnects replays from its Last-Event-ID what A produced meanwhile.
      const again = await request(a.url)
        .post('/api/v1/scans')
        .set(auth())
        .send({ data: CIP.dafalganGelule, terminalId: 'counter-1' })
        .expect(201);
      const replay = new SseClient(`${b.url}/api/v1/events`, {
        ...auth(TOKENS.lgo),
        'Last-Event-ID': seenOnA.id!,
      });
      await replay.open();
      const replayed = await replay.waitFor(
        (e) => e.event === 'scan' && (e.data as { data: { id: string } }).data.id === again.body.id,
      );
      expect(Number(replayed.id)).toBeGreaterThan(Number(seenOnA.id));
      replay.close();
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('an Idempotency-Key answered by one instance is replayed by the other', async () => {
    const body = { data: CIP.dolipraneGelule, terminalId: 'counter-1' };
    const first = await request(a.url)
      .post('/api/v1/scans')
      .set(auth())
      .set('Idempotency-Key', 'k-twice')
      .send(body);
    const second = await request(b.url)
      .post('/api/v1/scans')
      .set(auth())
      .set('Idempotency-Key', 'k-twice')
      .send(body);
    expect(first.status).toBe(201);
    expect([second.status, second.body.id, second.headers['idempotent-replayed']]).toEqual([
      201,
      first.body.id,
      'true',
    ]);
  });

  it('a page session opened on one instance is known to the other, and ends on both', async () => {
    const login = await request(a.url).post('/api/v1/session').send({ token: TOKENS.counter1 });
    expect(login.status).toBeLessThan(300);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    await request(b.url).get('/api/v1/devices').set('Cookie', cookie).expect(200);
    await request(b.url)
      .delete('/api/v1/session')
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'same-origin')
      .expect(204);
    await request(a.url).get('/api/v1/devices').set('Cookie', cookie).expect(401);
  });

  it('the same dispensation validated on both at once makes one execution', async () => {
    const seeded = await a.seed(paracetamolSeed());
    const counter = new CounterClient(a.url, TOKENS.counter1, 'counter-1');
    const id = await counter.open(seeded.qr);
    await counter.addPack(id, { scan: gs1Pack(CIP.dolipraneGelule) });
    const [onA, onB] = await Promise.all(
      [a.url, b.url].map((url) =>
        request(url).post(`/api/v1/dispensations/${id}/validate`).set(auth()).send({}),
      ),
    );
    expect([onA.status, onB.status]).toEqual([200, 200]);
    expect(onB.body.executionId).toBe(onA.body.executionId);
    await until(async () => (await fetchLedger(a.sandbox.url, seeded.prescriptionId)).length > 0, {
      what: 'the execution delivered',
    });
    const ledger = await fetchLedger(a.sandbox.url, seeded.prescriptionId);
    expect(ledger.map((e) => [e.sequence, e.duplicate])).toEqual([[1, false]]);
  });

  it('both dispatchers deliver one outbox: each call once, in order per prescription', async () => {
    const seed = paracetamolSeed();
    seed.lines = [{ ...seed.lines[0], quantity: { boxes: 3 } }];
    const seeded = await Promise.all(Array.from({ length: 4 }, () => a.seed(seed)));
    const counters = [
      new CounterClient([a.url, b.url], TOKENS.counter1, 'counter-1'),
      new CounterClient([a.url, b.url], TOKENS.counter2, 'counter-2'),
    ];
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(
        seeded.map((s, i) => counters[i % 2].dispense(s.qr, [gs1Pack(CIP.dolipraneGelule, `L${round}${i}`)])),
      );
    }
    for (const s of seeded) {
      const ledger = await until(
        async () => {
          const entries = await fetchLedger(a.sandbox.url, s.prescriptionId);
          return entries.filter((e) => e.accepted && !e.duplicate).length === 3 ? entries : undefined;
        },
        { what: `prescription ${s.prescriptionId} delivered` },
      );
      expect(ledger.filter((e) => !e.duplicate).map((e) => e.sequence)).toEqual([1, 2, 3]);
    }
  });
});
