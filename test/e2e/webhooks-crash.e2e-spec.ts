import { createServer, type ServerResponse, type Server } from 'node:http';
import { createComptoirClient } from '../../clients/typescript/src';
import { CIP } from '../factories/dispensation.factory';
import { gs1Pack } from '../support/dispense-flow';
import { OutboxRig } from '../support/outbox-crash';
import { until } from '../support/until';

jest.setTimeout(120_000);

interface Seen {
  deliveryId: string;
  type: string;
}

/**
 * At least once, through a crash: the service, a separate process, is SIGKILLed while its receiver holds a
 * delivery unanswered; after the restart that delivery is sent again (the same Comptoir-Delivery-Id), and the
 * deliveries keep the order they were owed in.
 */
describe('webhooks through a SIGKILL (at least once, in order)', () => {
  const rig = new OutboxRig(1, [
    'webhooks: { pollMs: 20, timeoutMs: 60000, backoffMs: { min: 50, max: 200 } }',
  ]);
  let server: Server;
  let url: string;
  const seen: Seen[] = [];
  let held: ServerResponse | undefined;
  let holding = true;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const type = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string }).type;
        seen.push({ deliveryId: String(req.headers['comptoir-delivery-id']), type });
        // The first delivery is held unanswered: the service is killed while it waits.
        if (holding) {
          holding = false;
          held = res;
          return;
        }
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
    await rig.start();
  });

  afterAll(async () => {
    held?.destroy();
    server.close();
    await rig.close();
  });

  it('sends again the delivery cut by the kill, and every later one, in order', async () => {
    const lgo = createComptoirClient({ baseUrl: rig.url, token: 'crash-lgo', retry: false });
    const hook = await lgo.POST('/api/v1/webhooks', {
      body: {
        url,
        events: ['dispensation-updated', 'execution-acknowledged'],
        secret: 'crash-test-secret-16',
      },
    });
    expect(hook.response.status).toBe(201);
    const { id } = hook.data!;
    const [{ qr }] = await rig.seed(1, 1);
    await rig.counters[0].dispense(qr, [gs1Pack(CIP.dolipraneGelule)]);
    await until(() => held, { what: 'the receiver holding the first delivery', timeoutMs: 20_000 });
    const cut = seen[0].deliveryId;

    await rig.kill();
    await rig.startService();
    await until(() => seen.some((s) => s.type === 'execution-acknowledged'), {
      what: 'the acknowledgement delivered after the restart',
      timeoutMs: 60_000,
      detail: () => JSON.stringify(seen),
    });

    // At least once: the delivery in flight at the kill came again, under the same delivery id.
    expect(seen.filter((s) => s.deliveryId === cut).length).toBeGreaterThanOrEqual(2);
    // In order: deliveries first arrived in the order Comptoir owed them (its log, oldest first).
    const log = await lgo.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id } } });
    const owed = log.data!.items.map((d) => d.deliveryId).reverse();
    const firstSeen = [...new Set(seen.map((s) => s.deliveryId))];
    expect(firstSeen).toEqual(owed.slice(0, firstSeen.length));
  });
});
