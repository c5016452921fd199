import fc from 'fast-check';
import http from 'node:http';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function post(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          Authorization: `Bearer ${TOKENS.counter1}`,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const GS = '\x1d';
// Inputs near the real formats as well as noise, so the fuzz reaches deep into each parser.
const scanData = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.stringMatching(/^\]d201[0-9]{14}(17[0-9]{6})?(10[A-Z0-9]{1,22})?$/),
  fc
    .array(fc.constantFrom('01', '17', '10', '21', '0340093009135', GS, '(', ')', '9', 'A'), {
      maxLength: 30,
    })
    .map((a) => a.join('')),
  fc.json({ maxDepth: 4 }),
  fc.stringMatching(/^[0-9]{1,16}$/),
  fc.string({ maxLength: 60 }).map((s) => `IS01${'0'.repeat(22)}${s}`),
);

describe('POST /api/v1/scans under fuzzing', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    agent.destroy();
    await t.close();
  });

  it(`answers ${RUNS} fuzzed scans with 201 or a typed 4xx, and stays up`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(scanData, fc.boolean(), async (data, routed) => {
        const body = JSON.stringify(routed ? { data, terminalId: 'counter-1' } : { data });
        const res = await post(`${t.url}/api/v1/scans`, body);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 201) return;
        expect([400, 413, 422]).toContain(res.status);
        expect(JSON.parse(res.body).code).toMatch(/^[A-Z0-9_]+$/);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    expect(statuses.get(201)).toBeGreaterThan(0);
    expect(statuses.get(422)).toBeGreaterThan(0);
    const health = await new Promise<number>((resolve) =>
      http.get(`${t.url}/health`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }),
    );
    expect(health).toBe(200);
  }, 120_000);
});
