import fc from 'fast-check';
import { createComptoirClient, type ComptoirClient } from '../../clients/typescript/src';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';

// Starting the app (migrations, the sandbox) can outlast jest's 5 s default on a loaded machine.
jest.setTimeout(30_000);

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
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
  let client: ComptoirClient;

  beforeAll(async () => {
    t = await startTestApp();
    // Through the typed client, each request sent once: the fuzz reads the first answer.
    client = createComptoirClient({ baseUrl: t.url, token: TOKENS.counter1, retry: false });
  });

  afterAll(async () => {
    await t.close();
  });

  it(`answers ${RUNS} fuzzed scans with 201 or a typed 4xx, and stays up`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(scanData, fc.boolean(), async (data, routed) => {
        const body = routed ? { data, terminalId: 'counter-1' } : { data };
        const { response, error } = await client.POST('/api/v1/scans', { body });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 201) return;
        expect([400, 413, 422]).toContain(response.status);
        expect((error as { code?: string }).code).toMatch(/^[A-Z0-9_]+$/);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    expect(statuses.get(201)).toBeGreaterThan(0);
    expect(statuses.get(422)).toBeGreaterThan(0);
    expect((await client.GET('/health')).response.status).toBe(200);
  }, 120_000);
});
