import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { VirtualSerialScanner } from '../devices/sim/virtual-serial-scanner';
import { SseClient } from '../test/support/sse';
import { fmt, percentile, row } from './stats';

const ROOT = join(__dirname, '..');
const TOKEN = 'bench-counter-token';
const GS = '\x1d';

interface Service {
  child: ChildProcess;
  url: string;
  coldStartMs: number;
  rssMb: number;
  stop(): Promise<void>;
}

async function waitHealthy(url: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('service did not become healthy');
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** Starts the real service (node + swc register, as `npm start`) with a serial scanner on the given pty. */
export async function startService(scannerPath: string, port: number): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-'));
  const configFile = join(dir, 'bench.yaml');
  writeFileSync(
    configFile,
    [
      'log: { level: warn }',
      "pharmacy: { finess: '990000011' }",
      'terminals:',
      '  - id: counter-1',
      `    scanners: [{ id: bench-scanner, driver: serial, profile: generic-serial-cr, path: ${JSON.stringify(scannerPath)} }]`,
    ].join('\n'),
  );
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: ROOT });
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      COMPTOIR_ENV: 'development',
      COMPTOIR_CONFIG: configFile,
      COMPTOIR_DATA_DIR: dir,
      COMPTOIR_PORT: String(port),
      COMPTOIR_API_TOKENS: `counter-1:counter:${TOKEN}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, 30_000).catch(async () => {
    // /health is 200 even when degraded; a failure here is a real start failure.
    throw new Error('service did not start');
  });
  const coldStartMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 200));
  return {
    child,
    url,
    coldStartMs,
    rssMb: rssMb(child.pid!),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Frame written into the pty → `scan` SSE event, sequentially, `count` times. */
export async function benchScanLatency(count = 1000): Promise<string[]> {
  const scanner = await VirtualSerialScanner.start();
  const service = await startService(scanner.hostPath, 3900 + Math.floor(Math.random() * 50));
  try {
    const sse = new SseClient(`${service.url}/api/v1/events?terminalId=counter-1`, {
      Authorization: `Bearer ${TOKEN}`,
    });
    await sse.open();
    const codes = [
      `]d2010340093009135721SN${GS}17280831`,
      '3400930091357',
      '202106180921110040',
      '{"S":{"V":2},"D":{"ID":"202106180921110040","P":{"N":"GENE","P":"Alain","D":"1966-02-23"},"M":{"RPPS":"99900038441","AM":"991118019"}}}',
    ];
    // Warm-up, then measure.
    const samples: number[] = [];
    for (let i = 0; i < count + 50; i++) {
      const n = sse.events.length;
      const wait = sse.waitFor((e) => e.event === 'scan' && sse.events.indexOf(e) >= n, 5000);
      const t0 = performance.now();
      await scanner.scan(codes[i % codes.length]);
      await wait;
      if (i >= 50) samples.push(performance.now() - t0);
    }
    sse.close();
    return [
      row(['measure', 'value']),
      row(['---', '---']),
      row([`pty frame → SSE scan event, p50 (n=${count})`, `${fmt(percentile(samples, 50))} ms`]),
      row([`pty frame → SSE scan event, p99 (n=${count})`, `${fmt(percentile(samples, 99))} ms`]),
      row([`pty frame → SSE scan event, p90 / p95 / max`, `${fmt(percentile(samples, 90))} / ${fmt(percentile(samples, 95))} / ${fmt(Math.max(...samples))} ms`]),
      row(['cold start → /health 200', `${fmt(service.coldStartMs, 0)} ms`]),
      row(['RSS after start', `${fmt(service.rssMb, 1)} MB`]),
    ];
  } finally {
    await service.stop();
    await scanner.stop();
  }
}
