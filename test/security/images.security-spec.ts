import { freePort } from '../support/outbox-crash';
import { FINDING_PNG, SLOW_PNG, zeroPng } from '../support/hostile-images';
import { qrModules, symbolPicture, toPng } from '../support/image-transforms';
import { BENCH_TOKEN, Service, startService } from '../../bench/service';

/*
 * Finding 4: a 280 KB PNG (6000×6000, 16-bit RGBA, all zero) sent to /api/v1/scans/image blocked the event
 * loop for 5 s to 26 s, and three of them froze the service for 67 s. Run against the compiled service
 * (dist/, as `npm start` runs it), so the worker file is the compiled one.
 */
jest.setTimeout(120_000);

const auth = { Authorization: `Bearer ${BENCH_TOKEN}` };

describe('finding 4: hostile pictures cannot stall the service', () => {
  let s: Service;
  let slow: Buffer;

  beforeAll(async () => {
    slow = await zeroPng(SLOW_PNG);
    s = await startService(await freePort(), [
      'scan: { imageWorkers: 1, imageQueue: 1 }',
      'terminals: [{ id: counter-1 }]',
    ]);
  });

  afterAll(async () => {
    await s?.stop();
  });

  const upload = (png: Buffer, language?: string) =>
    fetch(`${s.url}/api/v1/scans/image`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'image/png', ...(language ? { 'Accept-Language': language } : {}) },
      body: new Uint8Array(png),
    });

  it('reads a real picture in the compiled worker', async () => {
    const res = await upload(toPng(symbolPicture(qrModules('3400930000366'), 4)));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { codes: { kind: string }[] }).codes.map((c) => c.kind)).toEqual([
      'product-code',
    ]);
  });

  it("refuses the finding's picture from its header: 413 IMAGE_TOO_LARGE, nothing inflated", async () => {
    const res = await upload(await zeroPng(FINDING_PNG));
    const body = (await res.json()) as { code: string; detail: string };
    expect([res.status, body.code]).toEqual([413, 'IMAGE_TOO_LARGE']);
    expect(body.detail).toMatch(/288 Mo/);
    const en = (await (await upload(await zeroPng(FINDING_PNG), 'en')).json()) as { detail: string };
    expect(en.detail).toMatch(/288 MB/);
  });

  it('decodes three slow pictures off the event loop: one at work, one queued, one 503 IMAGE_BUSY; /health and scans answer meanwhile', async () => {
    const settled: string[] = [];
    const uploads = [1, 2, 3].map((i) =>
      upload(slow).then(async (res) => {
        settled.push(`upload ${i}`);
        return {
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          body: (await res.json()) as { code: string; retryAfterSeconds: number },
        };
      }),
    );
    const busy = await Promise.race(uploads);
    expect([busy.status, busy.body.code]).toEqual([503, 'IMAGE_BUSY']);
    expect(Number(busy.retryAfter)).toBeGreaterThan(0);
    expect(busy.retryAfter).toBe(String(busy.body.retryAfterSeconds));
    // Two pictures are still being decoded or waiting for the worker: the service answers all the same.
    const health = await fetch(`${s.url}/health`);
    settled.push('health');
    const scan = await fetch(`${s.url}/api/v1/scans`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: '3400930000366' }),
    });
    settled.push('scan');
    expect([health.status, scan.status]).toEqual([200, 201]);
    const answers = await Promise.all(uploads);
    expect(answers.map((a) => a.body.code).sort()).toEqual(['IMAGE_BUSY', 'NO_CODE_FOUND', 'NO_CODE_FOUND']);
    expect(settled.slice(0, 3)).toEqual([expect.stringMatching(/^upload/), 'health', 'scan']);
  });
});
