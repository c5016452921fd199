import request from 'supertest';
import { comptoir } from '../support/api-request';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { SseClient } from '../support/sse';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';

jest.setTimeout(30_000);

const auth = (token = TOKENS.counter1) => ({ Authorization: `Bearer ${token}` });

describe('prescription retrieval against the teleservice sandbox over SOAP', () => {
  let t: SandboxedApp;

  beforeAll(async () => {
    // A high threshold so that each fault below reaches the sandbox; the breaker has its own test.
    t = await startSandboxedApp({
      overrides: { teleservice: { breaker: { failureThreshold: 1000, cooldownMs: 1000 } } },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  afterEach(async () => {
    await t.faults({ mode: 'none', rate: 0 });
  });

  const scan = (data: string, terminalId = 'counter-1', token = TOKENS.counter1) =>
    comptoir(t.url).post('/api/v1/scans').set(auth(token)).send({ data, terminalId });

  it('seed → scan the QR → prescription retrieved, dispensation opened on the terminal', async () => {
    const { prescriptionId, qr } = await t.seed(EXAMPLE_SEED);
    const sse = new SseClient(`${t.url}/api/v1/events?terminalId=counter-1`, auth());
    await sse.open();
    const res = await scan(qr);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'prescription-qr',
      parsed: { prescriptionId },
      retrieval: { status: 'retrieved' },
    });
    expect(typeof res.body.sessionId).toBe('string');

    const d = await comptoir(t.url).get(`/api/v1/dispensations/${res.body.sessionId}`).set(auth());
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      prescriptionId,
      status: 'open',
      renewalNumber: 0,
      issues: [],
      terminalId: 'counter-1',
    });
    expect(d.body.operator).toMatchObject({ rpps: '10001234567', role: 'pharmacien' });
    expect(d.body.lines.map((l: { lineId: string }) => l.lineId)).toEqual(['1', '2', '3', '4']);
    expect(d.body.lines[0]).toMatchObject({
      prescribed: { product: { cis: '69309629' }, quantity: { boxes: 2 } },
      reconciliation: { status: 'pending', expectedBoxes: 2, dispensedBoxes: 0, remainingBoxes: 2 },
    });
    await sse.waitFor((e) => e.event === 'prescription-retrieved');
    await sse.waitFor((e) => e.event === 'dispensation-updated');
    sse.close();

    const p = await comptoir(t.url).get(`/api/v1/prescriptions/${prescriptionId}`).set(auth());
    expect(p.body).toMatchObject({
      prescriptionId,
      createdAt: '2026-11-20',
      prescriber: { rpps: '99900038441' },
      patient: { lastName: 'ESSAI', birthDate: '1966-02-23' },
      consentExecutionView: true,
    });
  });

  it('scanning the same prescription again resumes the same dispensation', async () => {
    const { qr } = await t.seed(EXAMPLE_SEED);
    const first = await scan(qr);
    const again = await scan(qr);
    expect(again.body.sessionId).toBe(first.body.sessionId);
    const byId = await comptoir(t.url)
      .post('/api/v1/dispensations')
      .set(auth())
      .send({ prescriptionId: first.body.parsed.prescriptionId });
    expect([byId.status, byId.body.id]).toEqual([201, first.body.sessionId]);
  });

  it('a bare prescription ID typed at the counter retrieves it too', async () => {
    const { prescriptionId } = await t.seed(EXAMPLE_SEED);
    const res = await scan(prescriptionId);
    expect(res.body).toMatchObject({ kind: 'prescription-id', retrieval: { status: 'retrieved' } });
  });

  it('a QR whose patient or prescriber differs from the base is a blocking QR_DATA_MISMATCH, not a silent pass', async () => {
    const { qr } = await t.seed(EXAMPLE_SEED);
    const forged = JSON.parse(qr);
    forged.D.P.N = 'AUTRE';
    forged.D.M.RPPS = '10003456789';
    const res = await scan(JSON.stringify(forged));
    expect(res.body.retrieval).toEqual({ status: 'retrieved' });
    const d = await comptoir(t.url).get(`/api/v1/dispensations/${res.body.sessionId}`).set(auth());
    expect(d.body.issues).toEqual([
      expect.objectContaining({
        code: 'QR_DATA_MISMATCH',
        severity: 'blocking',
        details: { fields: ['patient.lastName', 'prescriber.rpps'] },
      }),
    ]);
    expect(JSON.stringify(d.body.issues)).not.toContain('AUTRE');
  });

  it('names written differently (accents, case, hyphens) are not a mismatch', async () => {
    const { qr } = await t.seed({
      ...EXAMPLE_SEED,
      patient: { ...EXAMPLE_SEED.patient, lastName: 'LE-GALL', firstName: 'HÉLÈNE' },
    });
    const variant = JSON.parse(qr);
    variant.D.P.N = 'le gall';
    variant.D.P.P = 'Helene';
    const res = await scan(JSON.stringify(variant));
    const d = await comptoir(t.url).get(`/api/v1/dispensations/${res.body.sessionId}`).set(auth());
    expect(d.body.issues).toEqual([]);
  });

  it('shows what another pharmacy already delivered', async () => {
    const { prescriptionId } = await t.seed(EXAMPLE_SEED);
    await request(t.sandbox.url)
      .post(`/sandbox/prescriptions/${prescriptionId}/executions`)
      .send({ pharmacy: { finess: '750000001' }, lines: [{ lineId: '1', quantity: 1 }], date: '2026-11-21' })
      .expect(201);
    const p = await comptoir(t.url).post(`/api/v1/prescriptions/${prescriptionId}/retrieve`).set(auth());
    expect(p.status).toBe(200);
    expect(p.body.lines[0]).toMatchObject({
      deliveredHere: 0,
      deliveredElsewhere: [
        { pharmacy: expect.objectContaining({ finess: '750000001' }), date: '2026-11-21', quantity: 1 },
      ],
    });
    const res = await scan(prescriptionId);
    const d = await comptoir(t.url).get(`/api/v1/dispensations/${res.body.sessionId}`).set(auth());
    // One box of the two prescribed went elsewhere: this delivery completes it, so it keeps its renewal
    // number (RULES.md § Other acts), and line 1 expects the one box left.
    expect(d.body.renewalNumber).toBe(0);
    expect(d.body.lines[0].reconciliation).toMatchObject({
      expectedBoxes: 1,
      delivery: { complement: true },
    });
  });

  it('an unknown prescription: retrieval "unknown" on scan, 404 PRESCRIPTION_UNKNOWN on retrieve', async () => {
    const res = await scan('209912312359590000');
    expect(res.status).toBe(201);
    expect(res.body.retrieval).toEqual({ status: 'unknown', code: 'PRESCRIPTION_UNKNOWN' });
    expect(res.body.sessionId).toBeUndefined();
    const r = await comptoir(t.url).post('/api/v1/prescriptions/209912312359590000/retrieve').set(auth());
    expect([r.status, r.body.code]).toEqual([404, 'PRESCRIPTION_UNKNOWN']);
  });

  it.each([
    ['timeout', {}],
    ['reset', {}],
    ['malformed', {}],
    ['http500', {}],
    ['soap-fault', {}],
  ])(
    // How long the 503 takes under each fault is measured in `npm run bench` (bench/teleservice.bench.ts).
    'fault %s: the counter gets a clear 503 TELESERVICE_UNAVAILABLE, and stays up',
    async (mode, extra) => {
      const { prescriptionId } = await t.seed(EXAMPLE_SEED);
      await t.faults({ mode, rate: 1, ...extra });
      const r = await comptoir(t.url).post(`/api/v1/prescriptions/${prescriptionId}/retrieve`).set(auth());
      expect(r.status).toBe(503);
      expect(['TELESERVICE_UNAVAILABLE', 'TELESERVICE_PROTOCOL_ERROR']).toContain(r.body.code);
      expect(r.headers['retry-after']).toBe(String(r.body.retryAfterSeconds));
      const s = await scan(prescriptionId);
      expect(s.body.retrieval.status).toBe('unavailable');
      await t.faults({ mode: 'none', rate: 0 });
      const health = await comptoir(t.url).get('/health');
      expect(health.status).toBe(200);
    },
  );

  it('latency under the timeout still retrieves', async () => {
    const { prescriptionId } = await t.seed(EXAMPLE_SEED);
    await t.faults({ mode: 'latency', rate: 1, latencyMs: 300 });
    const r = await comptoir(t.url).post(`/api/v1/prescriptions/${prescriptionId}/retrieve`).set(auth());
    expect(r.status).toBe(200);
  });

  it('only a counter token opens a dispensation, on its own terminal', async () => {
    const { prescriptionId } = await t.seed(EXAMPLE_SEED);
    const bo = await comptoir(t.url)
      .post('/api/v1/dispensations')
      .set(auth(TOKENS.backoffice))
      .send({ prescriptionId });
    expect([bo.status, bo.body.code]).toEqual([403, 'FORBIDDEN']);
    const other = await comptoir(t.url)
      .post('/api/v1/dispensations')
      .set(auth())
      .send({ prescriptionId, terminalId: 'counter-2' });
    expect([other.status, other.body.code]).toEqual([403, 'TERMINAL_MISMATCH']);
    const none = await comptoir(t.url)
      .get('/api/v1/dispensations/00000000-0000-0000-0000-000000000000')
      .set(auth());
    expect([none.status, none.body.code]).toEqual([404, 'DISPENSATION_UNKNOWN']);
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive failures and answers at once, then closes when the teleservice is back', async () => {
    const t = await startSandboxedApp({
      overrides: { teleservice: { breaker: { failureThreshold: 2, cooldownMs: 500 } } },
    });
    try {
      const { prescriptionId } = await t.seed(EXAMPLE_SEED);
      await t.faults({ mode: 'http500', rate: 1 });
      for (let i = 0; i < 2; i++)
        await comptoir(t.url).post(`/api/v1/prescriptions/${prescriptionId}/retrieve`).set(auth());
      await t.faults({ mode: 'none', rate: 0 });
      const retrieve = () =>
        comptoir(t.url).post(`/api/v1/prescriptions/${prescriptionId}/retrieve`).set(auth());
      // Answered by the open circuit itself, not by a call to the teleservice (which now works).
      const open = await retrieve();
      expect([open.status, open.body.code, open.body.circuit]).toEqual([
        503,
        'TELESERVICE_UNAVAILABLE',
        'open',
      ]);
      // One source: the header says what the body says (issue 21 saw 5 against 30).
      expect(open.body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(open.headers['retry-after']).toBe(String(open.body.retryAfterSeconds));
      let last = open;
      await until(async () => (last = await retrieve()).status === 200, {
        what: 'a retrieval through the circuit closed again after its cooldown',
        timeoutMs: 5000,
        everyMs: 100,
        detail: () => `last answer ${last.status} ${JSON.stringify(last.body)}`,
      });
    } finally {
      await t.close();
    }
  });
});

describe('teleservice down', () => {
  it('health is degraded, the counter gets 503 fast, and scanning still works', async () => {
    const t = await startSandboxedApp();
    try {
      await t.sandbox.close();
      const health = await comptoir(t.url).get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'degraded', checks: { teleservice: { status: 'down' } } });
      const r = await comptoir(t.url).post('/api/v1/prescriptions/202601150930000001/retrieve').set(auth());
      expect([r.status, r.body.code]).toEqual([503, 'TELESERVICE_UNAVAILABLE']);
      const s = await comptoir(t.url)
        .post('/api/v1/scans')
        .set(auth())
        .send({ data: '3400930091357', terminalId: 'counter-1' });
      expect(s.status).toBe(201);
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});
