import { createServer, type IncomingMessage, type Server } from 'node:http';
import { comptoir } from '../support/api-request';
import { verifySignature } from '../../src/core/webhooks/signature';
import { CIP } from '../factories/dispensation.factory';
import { counterOf, gs1Pack, paracetamolSeed } from '../support/dispense-flow';
import { QUICK_RETRIES, SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';

jest.setTimeout(60_000);

const SECRET = 'a-shared-secret-of-the-lgo';

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  event: { id: string; type: string; data: { prescriptionId?: string; status?: string } };
}

/** An LGO's receiver on loopback: records each POST; `answer` decides its status. */
export async function startReceiver(
  answer: (n: number) => number = () => 200,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = answer(++n);
      if (status === 200)
        received.push({ headers: req.headers, body, event: JSON.parse(body) as Received['event'] });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`, received, server };
}

const lgo = { Authorization: `Bearer ${TOKENS.lgo}` };

describe('webhooks (API.md § Devices, patient, events)', () => {
  let t: SandboxedApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    // The receiver fails its 2nd request: that delivery is retried, and what follows it on the same
    // prescription waits for it.
    receiver = await startReceiver((n) => (n === 2 ? 500 : 200));
    t = await startSandboxedApp({
      overrides: { ...QUICK_RETRIES, webhooks: { pollMs: 20, backoffMs: { min: 50, max: 200 } } },
    });
  });

  afterAll(async () => {
    await t.close();
    receiver.server.close();
  });

  it('is the LGO’s: a counter token is refused, a bad URL or an unknown event type is a 400', async () => {
    const counter = await comptoir(t.url)
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${TOKENS.counter1}`)
      .send({ url: receiver.url, events: ['scan'], secret: SECRET });
    expect([counter.status, counter.body.code]).toEqual([403, 'FORBIDDEN']);
    const bad = await comptoir(t.url)
      .post('/api/v1/webhooks')
      .set(lgo)
      .send({ url: 'ftp://x', events: ['nothing'], secret: 'short' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('delivers every subscribed event signed, in order per prescription, retrying a failed one, with its log', async () => {
    const created = await comptoir(t.url)
      .post('/api/v1/webhooks')
      .set(lgo)
      .send({ url: receiver.url, events: ['dispensation-updated', 'execution-acknowledged'], secret: SECRET })
      .expect(201);
    expect(created.body).toMatchObject({
      url: receiver.url,
      events: ['dispensation-updated', 'execution-acknowledged'],
    });
    expect(created.body.secret).toBeUndefined();
    const listed = await comptoir(t.url).get('/api/v1/webhooks').set(lgo).expect(200);
    expect(listed.body.items.map((w: { id: string }) => w.id)).toContain(created.body.id);

    const { qr, prescriptionId } = await t.seed(paracetamolSeed());
    const validated = await counterOf(t).dispense(qr, [
      gs1Pack(CIP.dolipraneGelule),
      gs1Pack(CIP.dolipraneGelule),
    ]);
    // The flow's last event: the dispensation announced acknowledged, after the execution's acknowledgement.
    const acknowledged = (r: (typeof receiver.received)[number]) =>
      r.event.type === 'dispensation-updated' && r.event.data.status === 'acknowledged';
    await until(() => receiver.received.some(acknowledged), {
      what: 'the acknowledged dispensation delivered to the receiver',
      timeoutMs: 20_000,
    });

    const now = Math.floor(Date.now() / 1000);
    for (const r of receiver.received) {
      expect(verifySignature(SECRET, r.body, String(r.headers['comptoir-signature']), now)).toBe(true);
      expect(
        verifySignature('another-secret-entirely', r.body, String(r.headers['comptoir-signature']), now),
      ).toBe(false);
      expect(r.event.data.prescriptionId).toBe(prescriptionId);
    }
    // In order: the events of the prescription arrive as they were published, the retried one included.
    const ids = receiver.received.map((r) => Number(r.event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(receiver.received.slice(-2).map((r) => [r.event.type, acknowledged(r)])).toEqual([
      ['execution-acknowledged', false],
      ['dispensation-updated', true],
    ]);

    type Delivery = { deliveryId: string; status: string; attempts: number; lastStatus: number };
    // The receiver has the last one before Comptoir writes down its answer: wait for the log to say so.
    const items = await until(
      async () => {
        const log = await comptoir(t.url)
          .get(`/api/v1/webhooks/${created.body.id}/deliveries`)
          .set(lgo)
          .expect(200);
        const rows = log.body.items as Delivery[];
        return rows.every((d) => d.status === 'delivered') ? rows : undefined;
      },
      { what: 'every delivery logged as delivered' },
    );
    expect(items.length).toBe(receiver.received.length);
    expect(items.every((d) => d.lastStatus === 200)).toBe(true);
    expect(items.filter((d) => d.attempts === 2)).toHaveLength(1);
    expect(new Set(receiver.received.map((r) => r.headers['comptoir-delivery-id']))).toEqual(
      new Set(items.map((d) => d.deliveryId)),
    );
    expect(validated.sequence).toBe(1);
  });

  it("keeps another pharmacy's webhooks out of reach, and removes one", async () => {
    const created = await comptoir(t.url)
      .post('/api/v1/webhooks')
      .set(lgo)
      .send({ url: receiver.url, events: ['scan'], secret: SECRET })
      .expect(201);
    const unknown = await comptoir(t.url).get('/api/v1/webhooks/no-such-hook/deliveries').set(lgo);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'NOT_FOUND']);
    const removed = await comptoir(t.url).delete(`/api/v1/webhooks/${created.body.id}`).set(lgo);
    expect(removed.status).toBe(204);
    const again = await comptoir(t.url).delete(`/api/v1/webhooks/${created.body.id}`).set(lgo);
    expect(again.status).toBe(404);
  });
});
