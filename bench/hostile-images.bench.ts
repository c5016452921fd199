import { performance } from 'node:perf_hooks';
import { PNG } from 'pngjs';
import { FINDING_PNG, SLOW_PNG, zeroPng } from '../test/support/hostile-images';
import { freePort } from '../test/support/outbox-crash';
import { BENCH_TOKEN, startService } from './service';
import { fmt, percentile, row } from './stats';

const auth = { Authorization: `Bearer ${BENCH_TOKEN}` };

async function timed(fn: () => Promise<Response>): Promise<number> {
  const t0 = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`HTTP ${res.status}`);
  return performance.now() - t0;
}

/**
 * /health and a scan, one after the other, while three slow pictures (6000×6000 RGBA, all zero: within
 * the decoded-bytes budget, decoded then swept until the deadline) and the finding's picture are sent
 * to /api/v1/scans/image (issue 15, finding 4). Before: each blocked the event loop for seconds.
 */
export async function benchHostileImages(): Promise<string[]> {
  const slow = await zeroPng(SLOW_PNG);
  const finding = await zeroPng(FINDING_PNG);
  const out = [row(['measure', 'value']), row(['---', '---'])];
  let t0 = performance.now();
  PNG.sync.read(finding);
  out.push(
    row([
      "the finding's picture: PNG.sync.read on one thread (what the event loop did)",
      `${fmt(performance.now() - t0, 0)} ms`,
    ]),
  );
  for (const workers of [1, 2]) {
    const s = await startService(await freePort(), [
      `scan: { imageWorkers: ${workers}, imageQueue: 4 }`,
      'terminals: [{ id: counter-1 }]',
    ]);
    try {
      const url = s.url;
      const health = () => timed(() => fetch(`${url}/health`));
      const scan = () =>
        timed(() =>
          fetch(`${url}/api/v1/scans`, {
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ data: '3400930000366' }),
          }),
        );
      const upload = (png: Buffer) =>
        fetch(`${url}/api/v1/scans/image`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'image/png' },
          body: new Uint8Array(png),
        }).then(async (r) => ({ status: r.status, code: ((await r.json()) as { code?: string }).code }));
      for (let i = 0; i < 50; i++) await health(); // warm-up
      const idle = { health: [] as number[], scan: [] as number[] };
      for (let i = 0; i < 300; i++) {
        idle.health.push(await health());
        idle.scan.push(await scan());
      }
      const loaded = { health: [] as number[], scan: [] as number[] };
      t0 = performance.now();
      let pending = true;
      const uploads = Promise.all([upload(slow), upload(slow), upload(slow), upload(finding)]).finally(
        () => (pending = false),
      );
      while (pending) {
        loaded.health.push(await health());
        loaded.scan.push(await scan());
      }
      const answers = await uploads;
      const uploadsMs = performance.now() - t0;
      const p = (v: number[]) =>
        `${fmt(percentile(v, 50))} / ${fmt(percentile(v, 99))} / ${fmt(Math.max(...v))} ms`;
      out.push(
        row([
          `imageWorkers: ${workers} — idle: /health p50 / p99 / max (n=${idle.health.length})`,
          p(idle.health),
        ]),
        row([`imageWorkers: ${workers} — idle: scan p50 / p99 / max (n=${idle.scan.length})`, p(idle.scan)]),
        row([
          `imageWorkers: ${workers} — 3 slow pictures + the finding's decoding: /health p50 / p99 / max (n=${loaded.health.length})`,
          p(loaded.health),
        ]),
        row([
          `imageWorkers: ${workers} — 3 slow pictures + the finding's decoding: scan p50 / p99 / max (n=${loaded.scan.length})`,
          p(loaded.scan),
        ]),
        row([
          `imageWorkers: ${workers} — the four pictures' answers, and all answered after`,
          `${answers.map((a) => `${a.status} ${a.code}`).join(', ')}; ${fmt(uploadsMs / 1000, 1)} s`,
        ]),
      );
    } finally {
      await s.stop();
    }
  }
  return out;
}
