import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../core/clock/clock';
import { verifyComptoirSignature } from '../../core/signature/comptoir-signature';
import {
  EXAMPLE_ACK,
  EXAMPLE_EXECUTION,
  EXAMPLE_PRESCRIPTION,
} from '../../../test/fixtures/teleservice/examples';
import { DirectoryOctAdapter } from './adapters/directory-oct.adapter';
import { HttpOctAdapter, REPORT_ID_HEADER } from './adapters/http-oct.adapter';
import { buildOctReport, OctReport } from './oct-report';
import { renderOctReport } from './oct-report.pdf';
import { OctDeliveryError } from './oct.port';
import { createOctAdapter, OctConfigError } from './oct.factory.adapter';

const report = (): OctReport =>
  buildOctReport({
    executionId: 'exec-1',
    prescriptionId: EXAMPLE_ACK.prescriptionId,
    sequence: 1,
    payload: EXAMPLE_EXECUTION,
    ack: EXAMPLE_ACK,
    prescription: EXAMPLE_PRESCRIPTION,
  });

describe('the OCT execution report', () => {
  it('carries the execution, its receipt, the patient, the prescriber and the amounts by product', () => {
    const r = report();
    expect(r).toMatchObject({
      format: 'comptoir-oct-report',
      version: 1,
      reportId: 'exec-1',
      executionSequence: 1,
      acknowledgement: { id: EXAMPLE_ACK.acknowledgementId, receivedAt: EXAMPLE_ACK.receivedAt },
      pharmacy: { finess: '990000011', am: '991234567' },
      prescriber: { rpps: '99900038441', am: '991118019', lastName: 'TRAL' },
      patient: { lastName: 'ESSAI', birthDate: '1966-02-23', ins: { matricule: '166022B12345678' } },
    });
    // 2,16 € at 65 %, 4,12 € at 65 %, 2,89 € at 65 %: AMO 1,40 + 2,68 + 1,88 (rounded to the cent).
    expect(r.lines.map((l) => l.products.map((p) => [p.amountCents, p.amoCents]))).toEqual([
      [[216, 140]],
      [[412, 268]],
      [[289, 188]],
      [],
    ]);
    expect(r.totals).toEqual({ amountCents: 917, amoCents: 596, remainingCents: 321 });
    expect(r.lines[3]).toMatchObject({ nonDelivery: 'out-of-stock', prescribed: { lpp: '1000001' } });
  });

  it('renders as a PDF, the same bytes for the same report (no clock)', async () => {
    const [a, b] = await Promise.all([renderOctReport(report()), renderOctReport(report())]);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
  });
});

describe('OCT adapters', () => {
  const oct = (adapter: 'none' | 'directory' | 'http') => ({
    dataDir: '/data',
    oct: {
      adapter,
      url: 'http://127.0.0.1:1/oct',
      secretEnv: 'OCT_TEST_SECRET',
      timeoutMs: 1000,
      pollMs: 100,
      backoffMs: { min: 10, max: 100 },
    },
  });

  it('chosen by oct.adapter; http refuses to start without its secret in the environment', () => {
    const clock = new FixedClock(new Date());
    expect(createOctAdapter(oct('none'), clock, {})).toBeUndefined();
    expect(createOctAdapter(oct('directory'), clock, {})).toBeInstanceOf(DirectoryOctAdapter);
    expect(createOctAdapter(oct('http'), clock, { OCT_TEST_SECRET: 'x' })).toBeInstanceOf(HttpOctAdapter);
    expect(() => createOctAdapter(oct('http'), clock, {})).toThrow(OctConfigError);
    expect(() => createOctAdapter(oct('http'), clock, {})).toThrow('OCT_TEST_SECRET');
  });

  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'oct-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('directory: the PDF and the JSON, private, nothing half-written left; a repeat overwrites them', async () => {
    const out = join(dir, 'reports');
    const adapter = new DirectoryOctAdapter(out);
    const pdf = Buffer.from('%PDF-1.3 test');
    await adapter.deliver(report(), pdf);
    await adapter.deliver(report(), pdf);
    expect(readdirSync(out).sort()).toEqual(['exec-1.json', 'exec-1.pdf']);
    expect(JSON.parse(readFileSync(join(out, 'exec-1.json'), 'utf8'))).toEqual(report());
    for (const f of readdirSync(out)) expect(statSync(join(out, f)).mode & 0o777).toBe(0o600);
    expect(statSync(out).mode & 0o777).toBe(0o700);
  });

  it('http: a signed POST of {report, pdf}; 5xx, 408, 429 and no answer retried, another 4xx permanent', async () => {
    const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));
    const answers: number[] = [200, 503, 429, 400];
    const seen: { signed: boolean; id: string | undefined; body: { report: OctReport; pdf: string } }[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({
          signed: verifyComptoirSignature(
            's3cret',
            req.headers['comptoir-signature'] as string,
            body,
            clock.now(),
          ),
          id: req.headers[REPORT_ID_HEADER.toLowerCase()] as string | undefined,
          body: JSON.parse(body) as { report: OctReport; pdf: string },
        });
        res.writeHead(answers.shift() ?? 200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oct`;
    try {
      const adapter = new HttpOctAdapter(url, 's3cret', 2000, clock);
      await adapter.deliver(report(), Buffer.from('%PDF'));
      expect(seen[0]).toMatchObject({
        signed: true,
        id: 'exec-1',
        body: { report: report(), pdf: 'JVBERg==' },
      });
      for (const permanent of [false, false, true]) {
        const error = await adapter.deliver(report(), Buffer.from('%PDF')).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OctDeliveryError);
        expect((error as OctDeliveryError).permanent).toBe(permanent);
      }
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
    const gone = await new HttpOctAdapter(url, 's3cret', 500, clock)
      .deliver(report(), Buffer.from(''))
      .catch((e: unknown) => e);
    expect([gone instanceof OctDeliveryError, (gone as OctDeliveryError).permanent]).toEqual([true, false]);
  });
});
