import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = join(__dirname, '..');
export const BENCH_TOKEN = 'bench-counter-token';

export interface Service {
  child: ChildProcess;
  url: string;
  dir: string;
  coldStartMs: number;
  rssMb: number;
  stop(): Promise<void>;
}

export async function waitHealthy(url: string, deadlineMs: number): Promise<void> {
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
  throw new Error(`${url} did not become healthy`);
}

export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** CPU seconds (user + system) a process has used so far, from /proc (0 once it is gone). */
export function cpuSeconds(pid: number | undefined): number {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds the whole machine has been busy (every core, all but idle and iowait), from /proc/stat. */
export function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) / 100;
}

export function build(): void {
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: ROOT });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/**
 * Starts the real service (compiled, as `npm start` runs it) in its own process, with extra YAML lines and
 * environment, a counter token for terminal counter-1, and times its cold start to /health 200.
 */
export async function startService(
  port: number,
  yaml: string[],
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-')),
): Promise<Service> {
  const configFile = join(dir, 'bench.yaml');
  writeFileSync(
    configFile,
    ['log: { level: warn }', "pharmacy: { finess: '990000011' }", ...yaml].join('\n'),
  );
  build();
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      COMPTOIR_ENV: 'development',
      COMPTOIR_CONFIG: configFile,
      COMPTOIR_DATA_DIR: dir,
      COMPTOIR_PORT: String(port),
      COMPTOIR_API_TOKENS: `counter-1:counter:${BENCH_TOKEN}`,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, 30_000);
  const coldStartMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 200));
  return {
    child,
    url,
    dir,
    coldStartMs,
    rssMb: rssMb(child.pid!),
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The teleservice sandbox alone (`npm run sandbox`), in its own process, sharing `dir` for the test PKI. */
export async function startSandboxProcess(
  port: number,
  dir: string,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  build();
  const child = spawn(process.execPath, ['dist/src/teleservice-sandbox/main.js'], {
    cwd: ROOT,
    env: { ...process.env, COMPTOIR_DATA_DIR: dir, COMPTOIR_SANDBOX_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/eprescription?wsdl`)).status === 200) break;
    } catch {
      if (Date.now() > until) throw new Error('sandbox did not start');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { url, pid: child.pid!, stop: () => stopChild(child) };
}
