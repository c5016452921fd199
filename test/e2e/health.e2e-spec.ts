import { comptoir } from '../support/api-request';
import { FixedClock } from '../../src/core/clock/clock';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { CIP } from '../factories/dispensation.factory';
import { bearer, gs1Pack, paracetamolSeed } from '../support/dispense-flow';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';

jest.setTimeout(60_000);

/** /health tells what the teleservice's calls do, not only whether its WSDL answers (API.md: 200 when degraded). */
describe('/health under teleservice failures', () => {
  let t: SandboxedApp;

  beforeAll(async () => {
    // The breaker stays closed (its own case is below); one attempt per call, so one call = one outcome.
    t = await startSandboxedApp({
      overrides: { teleservice: { timeoutMs: 400, breaker: { failureThreshold: 1000, cooldownMs: 1000 } } },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  afterEach(async () => {
    await t.faults({ mode: 'none', rate: 0 });
  });

  const health = async () => {
    const res = await comptoir(t.url).get('/health');
    expect(res.status).toBe(200);
    return res.body as { status: string; checks: { teleservice: { status: string; detail?: unknown } } };
  };
  const retrieve = (id: string) =>
    comptoir(t.url).post(`/api/v1/prescriptions/${id}/retrieve`).set(bearer()).send({});

  it.each(['http500', 'soap-fault', 'timeout'])(
    'is degraded once 3 of the last 5 calls failed (%s), and ok after 2 successes in a row',
    async (mode) => {
      const { prescriptionId } = await t.seed(EXAMPLE_SEED);
      expect((await retrieve(prescriptionId)).status).toBe(200);
      expect((await health()).status).toBe('ok');

      await t.faults({ mode, rate: 1, latencyMs: 2000 });
      // Retries are part of a call: count what reached the sandbox rather than guess them.
      for (let i = 0; i < 5 && (await health()).status === 'ok'; i++)
        expect((await retrieve(prescriptionId)).status).toBe(503);
      const degraded = await health();
      expect(degraded).toMatchObject({ status: 'degraded', checks: { teleservice: { status: 'down' } } });
      expect(JSON.stringify(degraded.checks.teleservice)).toMatch(/[345] of the last [45] calls failed/);

      await t.faults({ mode: 'none', rate: 0 });
      expect((await retrieve(prescriptionId)).status).toBe(200);
      expect((await health()).status).toBe('degraded');
      expect((await retrieve(prescriptionId)).status).toBe(200);
      expect(await health()).toMatchObject({ status: 'ok', checks: { teleservice: { status: 'up' } } });
    },
  );

  it('a business refusal is an answer, not a failure', async () => {
    for (let i = 0; i < 5; i++)
      expect((await retrieve(`UNKNOWN${i}`)).body.code).toBe('PRESCRIPTION_UNKNOWN');
    expect((await health()).status).toBe('ok');
  });
});

describe('/health with the circuit open', () => {
  it('is degraded while the breaker refuses calls', async () => {
    const t = await startSandboxedApp({
      overrides: { teleservice: { timeoutMs: 400, breaker: { failureThreshold: 1, cooldownMs: 60_000 } } },
    });
    try {
      const { prescriptionId } = await t.seed(EXAMPLE_SEED);
      await t.faults({ mode: 'http500', rate: 1 });
      await comptoir(t.url).post(`/api/v1/prescriptions/${prescriptionId}/retrieve`).set(bearer()).send({});
      await t.faults({ mode: 'none', rate: 0 });
      const res = await comptoir(t.url).get('/health').expect(200);
      expect(res.body).toMatchObject({
        status: 'degraded',
        checks: { teleservice: { status: 'down', detail: { status: 'circuit-open' } } },
      });
    } finally {
      await t.close();
    }
  });
});

const scan = (t: SandboxedApp, data: string) =>
  comptoir(t.url).post('/api/v1/scans').set(bearer()).send({ data, terminalId: 'counter-1' }).expect(201);

describe('/health outbox age', () => {
  it('reports how long the oldest queued execution has waited', async () => {
    const clock = new FixedClock(new Date());
    const t = await startSandboxedApp({
      clock,
      overrides: { execution: { pollMs: 20, backoffMs: { min: 10, max: 100 } } },
    });
    try {
      const outbox = async () =>
        (await comptoir(t.url).get('/health').expect(200)).body.checks.outbox as {
          oldestQueuedSeconds: number | null;
          detail: { backlog: number };
        };
      expect((await outbox()).oldestQueuedSeconds).toBeNull();
      // The QR retrieval goes through; then every execution call fails, so the validation stays queued.
      const { qr } = await t.seed(paracetamolSeed());
      const opened = await scan(t, qr);
      for (let i = 0; i < 2; i++) await scan(t, gs1Pack(CIP.dolipraneGelule));
      await t.faults({ mode: 'http500', rate: 1 });
      await comptoir(t.url)
        .post(`/api/v1/dispensations/${opened.body.sessionId}/validate`)
        .set(bearer())
        .send({})
        .expect(200);
      clock.advance(125_000);
      const late = await outbox();
      expect(late).toMatchObject({ oldestQueuedSeconds: 125, detail: { backlog: 1 } });
      await t.faults({ mode: 'none', rate: 0 });
      const deadline = Date.now() + 20_000;
      while ((await outbox()).oldestQueuedSeconds !== null && Date.now() < deadline) {
        clock.advance(1000);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await outbox()).oldestQueuedSeconds).toBeNull();
    } finally {
      await t.close();
    }
  });
});
