import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyComptoirSignature } from '../../src/core/signature/comptoir-signature';
import { CIP } from '../factories/dispensation.factory';
import { comptoir } from '../support/api-request';
import { gs1Pack } from '../support/dispense-flow';
import { OutboxRig } from '../support/outbox-crash';
import { until } from '../support/until';

// API.md § Executions and invoicing: after acknowledgement, the execution report for the complementary
// insurers is delivered through the OCT adapter from the outbox. Here the `http` adapter posts to a local
// receiver that checks the Comptoir-Signature, answers 500 to the first attempt of every other report,
// and answers slowly; the compiled service is SIGKILLed while it delivers. At the end every
// acknowledged execution's report has arrived at least once, correctly signed, and a report that arrived
// twice arrived identical.

jest.setTimeout(240_000);

const SECRET = 'oct-test-secret-not-a-real-one';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Arrival {
  reportId: string;
  signed: boolean;
  body: string;
}

/** The insurer's side: every POST kept, signatures checked, a first refusal for every other report. */
async function startReceiver(): Promise<{ url: string; arrivals: Arrival[]; close(): Promise<void> }> {
  const arrivals: Arrival[] = [];
  /** Report id → the order of its first arrival. */
  const seen = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signed = verifyComptoirSignature(
        SECRET,
        req.headers['comptoir-signature'] as string,
        body,
        new Date(),
      );
      const reportId = (JSON.parse(body) as { report: { reportId: string } }).report.reportId;
      arrivals.push({ reportId, signed, body });
      const first = !seen.has(reportId);
      if (first) seen.set(reportId, seen.size);
      const refuse = first && seen.get(reportId)! % 2 === 0;
      // Slow answers: a kill lands between the delivery and its record now and then.
      setTimeout(() => res.writeHead(refuse ? 500 : 200).end(), 20 + Math.random() * 60);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oct`;
  return {
    url,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('OCT reports through SIGKILLs of the service, to a local HTTP receiver', () => {
  it('delivers every acknowledged execution’s report at least once, signed, identical when repeated', async () => {
    const receiver = await startReceiver();
    const rig = new OutboxRig(
      2,
      [`oct: { adapter: http, url: '${receiver.url}', pollMs: 50, backoffMs: { min: 50, max: 300 } }`],
      { COMPTOIR_OCT_SECRET: SECRET },
    );
    try {
      await rig.start();
      const seeded = await rig.seed(12, 1);
      const executions: string[] = [];
      const work = async (k: number) => {
        for (let i = k; i < seeded.length; i += rig.counters.length) {
          const v = await rig.counters[k].dispense(seeded[i].qr, [gs1Pack(CIP.dolipraneGelule)]);
          executions.push(v.executionId);
        }
      };
      const dispensing = Promise.all(rig.counters.map((_, k) => work(k)));
      // Kills while dispensing, then while the reports are being delivered.
      for (let kill = 0; kill < 3; kill += 1) {
        await sleep(300 + Math.random() * 500);
        await rig.kill();
        await rig.startService();
      }
      await dispensing;
      expect(await rig.drained(60_000)).toBe(0);
      const acknowledged = (await rig.executions('?status=acknowledged'))
        .filter((r) => executions.includes(r.executionId))
        .map((r) => r.executionId);
      expect(acknowledged.sort()).toEqual([...executions].sort());
      await rig.kill();
      await rig.startService();
      await until(
        () => acknowledged.every((id) => receiver.arrivals.some((a) => a.reportId === id && a.signed)),
        { what: 'every report received', timeoutMs: 60_000, everyMs: 100 },
      );
      expect(receiver.arrivals.filter((a) => !a.signed)).toEqual([]);
      expect(receiver.arrivals.every((a) => acknowledged.includes(a.reportId))).toBe(true);
      for (const id of acknowledged) {
        const bodies = new Set(
          receiver.arrivals
            .filter((a) => a.reportId === id)
            .map((a) => JSON.stringify(JSON.parse(a.body).report)),
        );
        expect([id, bodies.size]).toEqual([id, 1]);
      }
      // Every other report was refused once: retried; the service says they are delivered.
      expect(new Set(receiver.arrivals.map((a) => a.reportId)).size).toBe(acknowledged.length);
      expect(receiver.arrivals.length).toBeGreaterThan(acknowledged.length);
      await until(
        async () => {
          const res = await comptoir(rig.url).get('/health');
          const oct = (res.body as { checks: { oct?: { detail: { queued: number } } } }).checks.oct;
          return oct?.detail.queued === 0;
        },
        { what: 'no report left queued', timeoutMs: 30_000, everyMs: 100 },
      );
      const report = await rig.counters[0].call('GET', `/api/v1/executions/${acknowledged[0]}/report`);
      const mine =
        report.status === 200
          ? report
          : await rig.counters[1].call('GET', `/api/v1/executions/${acknowledged[0]}/report`);
      expect(mine.body).toMatchObject({
        format: 'comptoir-oct-report',
        reportId: acknowledged[0],
        delivery: { status: 'delivered' },
        totals: { amountCents: 218, amoCents: 142, remainingCents: 76 },
      });
    } finally {
      await rig.close();
      await receiver.close();
    }
  });
});
