import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { build, ROOT, startSandboxProcess, waitHealthy } from '../../bench/service';
import { SystemClock } from '../../src/core/clock/clock';
import { databaseOptions } from '../../src/core/database/database.options';
import { OutboxExecutionEntity } from '../../src/core/outbox/outbox-execution.entity';
import { OutboxWriter } from '../../src/core/outbox/outbox.writer';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { executionPayload, fetchLedger, ledgerViolations } from './outbox-ledger';

export interface CrashRun {
  executions: number;
  prescriptions: number;
  kills: number;
  /** Pause between live appends when there are no kills (paces the latency measurement). */
  pauseMs?: number;
  /** Extra YAML for the service (e.g. a faster poll). */
  yaml?: string[];
  log?: (line: string) => void;
}

export interface CrashResult {
  violations: string[];
  left: number;
  kills: number;
  /** Executions per second from the first to the last acknowledgement of a backlog drained after a restart. */
  drainPerSecond: number;
  /** Append (validation) → acknowledgement, ms, over the rows appended while the service was up. */
  latency: number[];
  seconds: number;
  /** Ledger arrivals answered as idempotent replays (a resend after a kill or a lost answer). */
  replays: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The crash proof: the compiled service in its own process, a sandbox in another, and this process
 * appending executions straight into the service's SQLite file (as validation would) while the service is
 * SIGKILLed at random moments and restarted. Then: the ledger per prescription, and the outbox left.
 */
export async function runOutboxCrash(run: CrashRun): Promise<CrashResult> {
  const log = run.log ?? (() => undefined);
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-crash-'));
  build();
  const sandbox = await startSandboxProcess(await freePort(), dir);
  const port = await freePort();
  const config = join(dir, 'crash.yaml');
  writeFileSync(
    config,
    [
      'log: { level: error }',
      "pharmacy: { finess: '990000011', am: '991234567' }",
      'teleservice: { timeoutMs: 2000, breaker: { failureThreshold: 5, cooldownMs: 200 } }',
      ...(run.yaml ?? []),
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  const startChild = async () => {
    child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        COMPTOIR_ENV: 'development',
        COMPTOIR_CONFIG: config,
        COMPTOIR_DATA_DIR: dir,
        COMPTOIR_PORT: String(port),
        COMPTOIR_TELESERVICE_URL: `${sandbox.url}/eprescription`,
        COMPTOIR_API_TOKENS: 'counter-1:counter:crash-test-token',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitHealthy(`http://127.0.0.1:${port}`, 30_000);
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  const ds = new DataSource({
    ...databaseOptions({ dataDir: dir, database: { file: 'comptoir.sqlite', busyTimeoutMs: 5000 } }),
    entities: [OutboxExecutionEntity],
  });
  try {
    const ids: string[] = [];
    for (let i = 0; i < run.prescriptions; i += 20) {
      const batch = Array.from({ length: Math.min(20, run.prescriptions - i) }, async () => {
        const res = await fetch(`${sandbox.url}/sandbox/prescriptions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(EXAMPLE_SEED),
        });
        return ((await res.json()) as { prescriptionId: string }).prescriptionId;
      });
      ids.push(...(await Promise.all(batch)));
    }
    await startChild(); // runs the migrations
    await ds.initialize();
    const writer = new OutboxWriter(new SystemClock());
    const expected = new Map<string, object[]>(ids.map((id) => [id, []]));
    // Appends one by one outside a transaction: this process is the only inserter, and an autocommit
    // statement is safely retried on SQLITE_BUSY while the service writes.
    const append = async (n: number) => {
      const id = ids[Math.floor(Math.random() * ids.length)];
      const payload = executionPayload(`${n}`);
      expected.get(id)!.push(payload);
      await writer.append(ds.manager, { prescriptionId: id, kind: 'execution', payload: { ...payload } });
    };
    // Half the executions are appended while the service is being killed and restarted…
    const crashPhase = Math.floor(run.executions / 2);
    let appended = 0;
    const appender = (async () => {
      const spread = Math.floor((run.kills * 900) / Math.max(1, crashPhase));
      const pause = Math.max(2, run.kills > 0 ? spread : (run.pauseMs ?? 2));
      for (; appended < crashPhase; appended += 1) {
        await append(appended);
        await sleep(pause);
      }
    })();
    for (let k = 0; k < run.kills; k += 1) {
      await sleep(100 + Math.random() * 700);
      await kill();
      log(`kill ${k + 1}/${run.kills}`);
      await startChild();
    }
    await appender;
    // …the rest as a backlog while it is down, drained after a last kill and restart.
    await kill();
    const backlogFrom = new Date();
    for (; appended < run.executions; appended += 1) await append(appended);
    await startChild();
    const repo = ds.getRepository(OutboxExecutionEntity);
    const until = Date.now() + 60_000;
    let left = Infinity;
    while (Date.now() < until) {
      left = await repo.count({ where: [{ status: 'queued' }, { status: 'sending' }] });
      if (left === 0) break;
      await sleep(100);
    }
    const violations: string[] = [];
    let replays = 0;
    for (const [id, payloads] of expected) {
      const ledger = await fetchLedger(sandbox.url, id);
      replays += ledger.filter((e) => e.duplicate).length;
      for (const v of ledgerViolations(ledger, payloads)) violations.push(`${id}: ${v}`);
    }
    const rows = await repo.find();
    const notAcked = rows.filter((r) => r.status !== 'acknowledged');
    for (const r of notAcked)
      violations.push(`${r.prescriptionId}#${r.sequence}: ${r.status} ${r.lastError ?? ''}`);
    const backlog = rows.filter((r) => r.createdAt >= backlogFrom && r.acknowledgedAt);
    const ackTimes = backlog.map((r) => r.acknowledgedAt!.getTime()).sort((a, b) => a - b);
    const span = (ackTimes[ackTimes.length - 1] - ackTimes[0]) / 1000;
    const live = rows.filter((r) => r.createdAt < backlogFrom && r.acknowledgedAt && r.attempts === 1);
    return {
      violations,
      left,
      kills: run.kills,
      drainPerSecond: span > 0 ? backlog.length / span : 0,
      latency: live.map((r) => r.acknowledgedAt!.getTime() - r.createdAt.getTime()),
      seconds: (Date.now() - started) / 1000,
      replays,
    };
  } finally {
    await kill();
    if (ds.isInitialized) await ds.destroy();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
