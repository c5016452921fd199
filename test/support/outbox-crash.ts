import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  build,
  cpuSeconds,
  machineBusySeconds,
  ROOT,
  startSandboxProcess,
  waitHealthy,
} from '../../bench/service';
import type { PrescriptionSeed } from '../../src/prescription/teleservice/teleservice.types';
import { CIP } from '../factories/dispensation.factory';
import { comptoir } from './api-request';
import { CounterClient } from './counter-client';
import { databaseUrlEnv, testDatabaseFor, TestDatabaseConfig } from './database';
import { gs1Pack, paracetamolSeed } from './dispense-flow';
import { fetchLedger, ledgerViolations } from './outbox-ledger';
import { until } from './until';

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

/** The serial of the one pack a dispensation of the crash runs delivers: what the ledger must carry. */
export const deliveredSerial = (payload: unknown): string | undefined =>
  (payload as { lines?: { products?: { serial?: string }[] }[] }).lines?.[0]?.products?.[0]?.serial;

/** What a ledger arrival must carry: the serial its validation delivered, or the number it cancels. */
export type ExpectedCall = string | { cancels: number };

/** Compares a ledger payload with what was expected for its sequence (ledgerViolations' `same`). */
export const sameCall = (payload: unknown, expected: unknown): boolean =>
  typeof expected === 'string'
    ? deliveredSerial(payload) === expected
    : (payload as { executionSequence?: number }).executionSequence ===
      (expected as { cancels: number }).cancels;

/** The serial (AI 21, last in gs1Pack) of a pack scan. */
export const serialOf = (scan: string) => scan.split('\x1d21')[1];

/**
 * The compiled service in its own process (as `npm start` runs it), the teleservice sandbox in another, and
 * counter terminals driven from this process over the public HTTP API. The service can be SIGKILLed and
 * restarted at any moment; the counters resend under the same Idempotency-Key until answered. With
 * `instances` > 1 (PostgreSQL only: docs/data.md § Several instances) several service processes share the
 * test database, and each counter request goes to one of them at random.
 */
export class OutboxRig {
  readonly dir = mkdtempSync(join(tmpdir(), 'comptoir-crash-'));
  /** The first instance's URL. */
  url = '';
  /** Every instance's URL. */
  urls: string[] = [];
  sandboxUrl = '';
  private sandbox?: { url: string; pid: number; stop(): Promise<void> };
  private readonly children: (ChildProcess | undefined)[] = [];
  private ports: number[] = [];
  private config = '';
  private database: TestDatabaseConfig = { overrides: {}, drop: async () => undefined };
  readonly counters: CounterClient[] = [];

  constructor(
    private readonly terminals: number,
    private readonly yaml: string[] = [],
    /** More environment for the service process (a secret the YAML must not hold). */
    private readonly env: Record<string, string> = {},
    readonly instances = 1,
  ) {}

  async start(): Promise<void> {
    const rppsOf = (i: number) => `1000123${String(4567 + i).padStart(4, '0')}`;
    build();
    this.database = await testDatabaseFor(this.dir);
    if (this.instances > 1 && !databaseUrlEnv(this.database).COMPTOIR_DATABASE_URL)
      throw new Error('several instances share a PostgreSQL database: run on the -pg projects');
    this.sandbox = await startSandboxProcess(await freePort(), this.dir);
    this.sandboxUrl = this.sandbox.url;
    for (let i = 0; i < this.instances; i += 1) this.ports.push(await freePort());
    this.urls = this.ports.map((port) => `http://127.0.0.1:${port}`);
    this.url = this.urls[0];
    this.config = join(this.dir, 'crash.yaml');
    const ids = Array.from({ length: this.terminals }, (_, i) => `counter-${i + 1}`);
    writeFileSync(
      this.config,
      [
        'log: { level: error }',
        "pharmacy: { finess: '990000011', am: '991234567' }",
        'teleservice: { timeoutMs: 2000, breaker: { failureThreshold: 5, cooldownMs: 200 } }',
        'terminals:',
        ...ids.map((id, i) => `  - { id: ${id}, operator: '${rppsOf(i)}' }`),
        'staff:',
        ...ids.map(
          (_, i) => `  - { rpps: '${rppsOf(i)}', lastName: CRASH, firstName: TEST, role: pharmacien }`,
        ),
        ...this.yaml,
      ].join('\n'),
    );
    for (const id of ids) this.counters.push(new CounterClient(this.urls, `crash-${id}`, id));
    // The first instance migrates the database; the others start on it.
    await this.startService(0);
    await Promise.all(this.ports.slice(1).map((_, i) => this.startService(i + 1)));
  }

  /** Starts one instance (by index), or every instance not running. */
  async startService(instance?: number): Promise<void> {
    if (instance === undefined) {
      await Promise.all(this.ports.map((_, i) => (this.running(i) ? undefined : this.startService(i))));
      return;
    }
    const tokens = this.counters.map((c, i) => `counter-${i + 1}:counter:crash-counter-${i + 1}`);
    const logs = process.env.COMPTOIR_RIG_LOGS;
    this.children[instance] = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        COMPTOIR_ENV: 'development',
        COMPTOIR_CONFIG: this.config,
        COMPTOIR_DATA_DIR: this.dir,
        COMPTOIR_PORT: String(this.ports[instance]),
        COMPTOIR_TELESERVICE_URL: `${this.sandboxUrl}/eprescription`,
        COMPTOIR_API_TOKENS: [...tokens, 'backoffice:back-office:crash-backoffice', '*:lgo:crash-lgo'].join(
          ',',
        ),
        ...databaseUrlEnv(this.database),
        ...this.env,
      },
      // COMPTOIR_RIG_LOGS=<dir> keeps each instance's log (appended across restarts) to read after a run.
      stdio: [
        'ignore',
        logs ? openSync(join(logs, `instance-${instance + 1}.log`), 'a') : 'ignore',
        'inherit',
      ],
    });
    await waitHealthy(this.urls[instance], 30_000);
  }

  private running(instance: number): boolean {
    const c = this.children[instance];
    return !!c && c.exitCode === null && c.signalCode === null;
  }

  /** SIGKILLs one instance (by index), or every instance. */
  async kill(instance?: number): Promise<void> {
    if (instance === undefined) {
      await Promise.all(this.ports.map((_, i) => this.kill(i)));
      return;
    }
    const c = this.children[instance];
    if (!c || !this.running(instance)) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  }

  /** CPU seconds used so far by the service instances running, by the sandbox, and by the whole machine. */
  cpu(): { service: number; sandbox: number; machine: number } {
    return {
      service: this.children.reduce((n, c) => n + cpuSeconds(c?.pid), 0),
      sandbox: cpuSeconds(this.sandbox?.pid),
      machine: machineBusySeconds(),
    };
  }

  /** The URL of an instance running (the first one running). */
  private get live(): string {
    const i = this.ports.findIndex((_, k) => this.running(k));
    return this.urls[Math.max(0, i)];
  }

  /** Seeds `n` prescriptions of one paracétamol line of `boxes` boxes: `boxes` partial deliveries each. */
  async seed(n: number, boxes: number): Promise<{ prescriptionId: string; qr: string }[]> {
    const seed: PrescriptionSeed = paracetamolSeed();
    seed.lines = [{ ...seed.lines[0], quantity: { boxes } }];
    const out: { prescriptionId: string; qr: string }[] = [];
    for (let i = 0; i < n; i += 20) {
      const batch = Array.from({ length: Math.min(20, n - i) }, async () => {
        const res = await fetch(`${this.sandboxUrl}/sandbox/prescriptions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(seed),
        });
        if (res.status !== 201) throw new Error(`seed: HTTP ${res.status}`);
        return (await res.json()) as { prescriptionId: string; qr: string };
      });
      out.push(...(await Promise.all(batch)));
    }
    return out;
  }

  async faults(body: object): Promise<void> {
    const res = await fetch(`${this.sandboxUrl}/sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`faults: HTTP ${res.status}`);
  }

  /** Executions of the outbox through the back-office API. */
  async executions(query = ''): Promise<ExecutionRow[]> {
    const res = await comptoir(this.live)
      .get(`/api/v1/executions${query}`)
      .set('authorization', 'Bearer crash-backoffice');
    if (res.status !== 200) throw new Error(`executions: HTTP ${res.status}`);
    return (res.body as { items: ExecutionRow[] }).items;
  }

  /** These executions, each read by its id (the list answers at most 1,000 rows). */
  async executionsByIds(ids: Iterable<string>): Promise<ExecutionRow[]> {
    const all = [...ids];
    const out: ExecutionRow[] = [];
    for (let i = 0; i < all.length; i += 20) {
      const batch = all.slice(i, i + 20).map(async (id) => {
        const res = await comptoir(this.live)
          .get(`/api/v1/executions/${id}`)
          .set('authorization', 'Bearer crash-backoffice');
        if (res.status !== 200) throw new Error(`execution ${id}: HTTP ${res.status}`);
        return res.body as ExecutionRow;
      });
      out.push(...(await Promise.all(batch)));
    }
    return out;
  }

  /** Queued + sending, from /health (a COUNT: listing the rows would weigh on what is measured). */
  async backlog(): Promise<number> {
    const res = await comptoir(this.live).get('/health');
    const body = res.body as { checks: { outbox: { detail: { backlog: number } } } };
    return body.checks.outbox.detail.backlog;
  }

  /** Waits until nothing is queued or sending; returns how many are left then. */
  async drained(timeoutMs: number): Promise<number> {
    try {
      await until(async () => (await this.backlog()) === 0, {
        what: 'outbox drained',
        timeoutMs,
        everyMs: 100,
      });
      return 0;
    } catch {
      return this.backlog();
    }
  }

  async close(): Promise<void> {
    await this.kill();
    await this.sandbox?.stop();
    await this.database.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ExecutionRow {
  executionId: string;
  prescriptionId: string;
  sequence: number;
  status: string;
  attempts: number;
  createdAt: string;
  acknowledgedAt?: string;
  lastError?: string;
}

export interface CrashRun {
  executions: number;
  prescriptions: number;
  kills: number;
  /** Counter terminals dispensing at once (one worker each). */
  terminals?: number;
  /** Service processes on one PostgreSQL database (default 1); each kill hits one of them at random. */
  instances?: number;
  /** Every n-th dispensation is cancelled once acknowledged (API.md: by the next number); 0: none. */
  cancelEvery?: number;
  log?: (line: string) => void;
}

export interface CrashResult {
  violations: string[];
  left: number;
  kills: number;
  seconds: number;
  /** Ledger arrivals answered as idempotent replays (a resend after a kill or a lost answer). */
  replays: number;
  /** HTTP requests the counters had to resend (service killed, or busy restarting). */
  resent: number;
  /** Pack scans run twice because their answer was lost in a kill, removed at the counter. */
  duplicatesRemoved: number;
  /** Acknowledged executions cancelled during the run. */
  cancellations: number;
  /** How many kills hit each instance. */
  killsPerInstance: number[];
}

/** The crash proof at CI size (the e2e specs): 100 executions over 20 prescriptions, 5 kills, 4 counters. */
export const CI_CRASH_RUN = {
  executions: 100,
  prescriptions: 20,
  kills: 5,
  terminals: 4,
  cancelEvery: 7,
} satisfies CrashRun;

/**
 * What the proof at CI size must give: no violation, nothing left queued, every kill made, every 7th
 * dispensation cancelled once acknowledged (14), and some requests resent under their Idempotency-Key (the
 * kills hit the counters too).
 */
export const CI_CRASH_HELD = { violations: [], left: 0, kills: 5, cancellations: 14, resentSome: true };

/** The part of a result CI_CRASH_HELD judges. */
export function crashVerdict(r: CrashResult): Record<string, unknown> {
  return {
    violations: r.violations,
    left: r.left,
    kills: r.kills,
    cancellations: r.cancellations,
    resentSome: r.resent > 0,
  };
}

/**
 * The crash proof: counters dispense `executions` partial deliveries over `prescriptions`
 * prescriptions through the HTTP API while the service is SIGKILLed `kills` times at random moments and
 * restarted (with several instances, one of them at random each time, the others serving meanwhile). Then every prescription's ledger must hold sequences 1..n exactly once as first arrivals, in
 * order, each with the pack its validation delivered, and the outbox must hold nothing queued.
 */
export async function runOutboxCrash(run: CrashRun): Promise<CrashResult> {
  const log = run.log ?? (() => undefined);
  const started = Date.now();
  const per = Math.ceil(run.executions / run.prescriptions);
  const rig = new OutboxRig(run.terminals ?? 8, [], {}, run.instances ?? 1);
  const killsPerInstance = Array.from({ length: rig.instances }, () => 0);
  try {
    await rig.start();
    const seeded = await rig.seed(run.prescriptions, per);
    const expected = new Map<string, ExpectedCall[]>(seeded.map((s) => [s.prescriptionId, []]));
    let dispensed = 0;
    let cancellations = 0;
    const violations: string[] = [];
    // Round-robin over the prescriptions, so that each one's executions spread over the whole run.
    const work: { prescriptionId: string; qr: string }[] = [];
    for (let round = 0; round < per; round += 1) work.push(...seeded);
    work.length = run.executions;
    let next = 0;
    let done = false;
    const busy = new Set<string>();
    const worker = async (counter: CounterClient) => {
      while (next < work.length) {
        const i = work.findIndex((w, k) => k >= next && !busy.has(w.prescriptionId));
        if (i < 0) {
          await sleep(5);
          continue;
        }
        [work[next], work[i]] = [work[i], work[next]];
        const item = work[next++];
        busy.add(item.prescriptionId);
        const pack = gs1Pack(CIP.dolipraneGelule);
        const v = await counter.dispense(item.qr, [pack]);
        const list = expected.get(item.prescriptionId)!;
        list.push(serialOf(pack));
        if (v.sequence !== list.length)
          violations.push(
            `${item.prescriptionId}: validation answered #${v.sequence}, expected #${list.length}`,
          );
        dispensed += 1;
        if (run.cancelEvery && dispensed % run.cancelEvery === 0) {
          // Cancelled once acknowledged: the cancellation takes the next number, the box is owed again.
          const sequence = await counter.cancelAcknowledged(v.executionId, 'Erreur de saisie du lot');
          list.push({ cancels: v.sequence });
          cancellations += 1;
          if (sequence !== list.length)
            violations.push(`${item.prescriptionId}: cancellation #${sequence}, expected #${list.length}`);
        }
        busy.delete(item.prescriptionId);
      }
    };
    const workers = Promise.all(rig.counters.map(worker)).finally(() => (done = true));
    // Awaited below, once the kills are over: a counter that gave up ends the kills early.
    workers.catch(() => undefined);
    // Kills spread over the dispensing: the k-th falls once a random share of the work is done, a moment
    // later (so mid-request, mid-validation or mid-delivery), whatever the speed of the machine.
    const marks = Array.from({ length: run.kills }, () => Math.floor(Math.random() * work.length)).sort(
      (a, b) => a - b,
    );
    let kills = 0;
    for (const mark of marks) {
      while (next < mark && !done) await sleep(5);
      await sleep(Math.random() * 150);
      const victim = Math.floor(Math.random() * rig.instances);
      await rig.kill(victim);
      kills += 1;
      killsPerInstance[victim] += 1;
      log(`kill ${kills}/${run.kills} of instance ${victim + 1} (${next}/${work.length} dispensed)`);
      await rig.startService(victim);
    }
    await workers;
    const left = await rig.drained(60_000);
    let replays = 0;
    for (const [id, calls] of expected) {
      const ledger = await fetchLedger(rig.sandboxUrl, id);
      replays += ledger.filter((e) => e.duplicate).length;
      for (const v of ledgerViolations(ledger, calls, sameCall)) violations.push(`${id}: ${v}`);
    }
    // Per prescription: the whole list answers at most 1,000 rows, fewer than a full-size run makes.
    for (const id of expected.keys()) {
      for (const r of await rig.executions(`?prescriptionId=${encodeURIComponent(id)}`)) {
        if (r.status !== 'acknowledged')
          violations.push(`${r.prescriptionId}#${r.sequence}: ${r.status} ${r.lastError ?? ''}`);
      }
    }
    return {
      violations,
      left,
      kills,
      seconds: (Date.now() - started) / 1000,
      replays,
      resent: rig.counters.reduce((n, c) => n + c.resent, 0),
      duplicatesRemoved: rig.counters.reduce((n, c) => n + c.duplicatesRemoved, 0),
      cancellations,
      killsPerInstance,
    };
  } finally {
    await rig.close();
  }
}

export interface FiguresRun {
  /** Dispensations validated while the teleservice fails, then drained by a restarted service. */
  backlog: number;
  /** Dispensations validated one at a time at `ratePerSecond`, the teleservice healthy. */
  paced: number;
  ratePerSecond: number;
  yaml?: string[];
  /** Service processes on one PostgreSQL database (default 1). */
  instances?: number;
}

export interface Figures {
  /** Backlog rows acknowledged per second, first to last acknowledgement, after a restart. */
  drainPerSecond: number;
  /** Validation (the row queued) → acknowledgement, ms, for the paced dispensations. */
  latency: number[];
  violations: string[];
  /**
   * During the drain (restart to drained), the cores used on average by the service instances, by the
   * sandbox, and by everything else on the machine (PostgreSQL, the bench process, other work).
   */
  cores: { service: number; sandbox: number; other: number };
}

/** Throughput and latency of the outbox, the dispensations made over the HTTP API as in the crash proof. */
export async function runOutboxFigures(run: FiguresRun): Promise<Figures> {
  const rig = new OutboxRig(8, run.yaml, {}, run.instances ?? 1);
  try {
    await rig.start();
    const seeded = await rig.seed(run.backlog + run.paced, 1);
    // Each dispensation opened and its box added by one of the counters (each request to one instance).
    const open = async (list: typeof seeded) => {
      const out: { dispensationId: string; counter: CounterClient }[] = [];
      for (let i = 0; i < list.length; i += rig.counters.length) {
        const batch = list.slice(i, i + rig.counters.length).map(async (s, k) => {
          const counter = rig.counters[k];
          const dispensationId = await counter.open(s.qr);
          await counter.addPack(dispensationId, { scan: gs1Pack(CIP.dolipraneGelule) });
          return { dispensationId, counter };
        });
        out.push(...(await Promise.all(batch)));
      }
      return out;
    };
    const validate = async (d: { dispensationId: string; counter: CounterClient }) => {
      const v = await d.counter.validateOnce(d.dispensationId);
      if (v.status !== 200) throw new Error(`validate: ${v.status} ${JSON.stringify(v.body)}`);
      return v.body.executionId as string;
    };
    const backlog = await open(seeded.slice(0, run.backlog));
    const paced = await open(seeded.slice(run.backlog));

    // The backlog: validated while the teleservice answers 500, then the service (every instance)
    // restarted once it is back, so the drain starts from a clean state (no backoff delays, no open
    // circuit breaker).
    await rig.faults({ mode: 'http500', rate: 1 });
    const backlogIds = new Set<string>();
    for (let i = 0; i < backlog.length; i += 8) {
      for (const id of await Promise.all(backlog.slice(i, i + 8).map(validate))) backlogIds.add(id);
    }
    await rig.kill();
    await rig.faults({ mode: 'none', rate: 0 });
    await rig.startService();
    const before = { at: Date.now(), ...rig.cpu() };
    const violations: string[] = [];
    if ((await rig.drained(120_000)) > 0) violations.push('backlog not drained in 120 s');
    const after = { at: Date.now(), ...rig.cpu() };
    const wall = (after.at - before.at) / 1000;
    const used = (k: 'service' | 'sandbox' | 'machine') => (after[k] - before[k]) / wall;
    const cores = {
      service: used('service'),
      sandbox: used('sandbox'),
      other: used('machine') - used('service') - used('sandbox'),
    };
    const acked = (await rig.executionsByIds(backlogIds)).filter((r) => r.status === 'acknowledged');
    const times = acked.map((r) => Date.parse(r.acknowledgedAt!)).sort((a, b) => a - b);
    const span = (times[times.length - 1] - times[0]) / 1000;

    const pacedIds = new Set<string>();
    const gap = 1000 / run.ratePerSecond;
    for (const d of paced) {
      const t0 = Date.now();
      pacedIds.add(await validate(d));
      await sleep(Math.max(0, gap - (Date.now() - t0)));
    }
    if ((await rig.drained(60_000)) > 0) violations.push('paced executions not drained in 60 s');
    const latency = (await rig.executionsByIds(pacedIds))
      .filter((r) => r.status === 'acknowledged')
      .map((r) => Date.parse(r.acknowledgedAt!) - Date.parse(r.createdAt));
    if (acked.length !== backlogIds.size || latency.length !== pacedIds.size)
      violations.push('some executions were not acknowledged');
    return { drainPerSecond: span > 0 ? acked.length / span : 0, latency, violations, cores };
  } finally {
    await rig.close();
  }
}
