import { postgresInstalled, startPgCluster, type PgCluster } from '../scripts/lib/pg-cluster';
import { CrashResult, Figures, runOutboxCrash, runOutboxFigures } from '../test/support/outbox-crash';
import { fmt, percentile, row } from './stats';

interface Setup {
  name: string;
  engine: 'sqlite' | 'postgres';
  instances: number;
}

const SETUPS: Setup[] = [
  { name: 'SQLite, one instance', engine: 'sqlite', instances: 1 },
  { name: 'PostgreSQL, one instance', engine: 'postgres', instances: 1 },
  { name: 'PostgreSQL, two instances', engine: 'postgres', instances: 2 },
];

/**
 * Runs `work` with the test support's database on `engine` (test/support/database.ts reads these two
 * variables, as the -pg jest projects set them): a SQLite file per run, or a database of `cluster`.
 */
async function onEngine<T>(engine: Setup['engine'], cluster: PgCluster | undefined, work: () => Promise<T>) {
  const saved = { db: process.env.COMPTOIR_TEST_DATABASE, url: process.env.COMPTOIR_TEST_PG_URL };
  if (engine === 'postgres') {
    process.env.COMPTOIR_TEST_DATABASE = 'postgres';
    process.env.COMPTOIR_TEST_PG_URL = cluster!.url;
  } else {
    delete process.env.COMPTOIR_TEST_DATABASE;
  }
  try {
    return await work();
  } finally {
    for (const [key, value] of [
      ['COMPTOIR_TEST_DATABASE', saved.db],
      ['COMPTOIR_TEST_PG_URL', saved.url],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * The outbox at full size, every dispensation made over the HTTP API by 8 counter terminals through the typed
 * client, on SQLite (one instance) and on PostgreSQL (one and two instances sharing the database) in the same
 * run: the crash proof (1,000 executions over 200 prescriptions, 20 SIGKILLs — of either instance at random
 * with two —, every 7th cancelled once acknowledged), then a healthy run per setup for the figures: drain
 * throughput of a backlog validated while the teleservice answered 500, and validation → acknowledgement of
 * dispensations validated one at a time at 50/s. The PostgreSQL rows need Debian's postgresql-15: the bench
 * starts a throwaway cluster (fsync on, as in production), or says it is missing and skips them.
 */
export async function benchOutbox(
  executions = Number(process.env.BENCH_OUTBOX_EXECUTIONS ?? 1000),
  prescriptions = Number(process.env.BENCH_OUTBOX_PRESCRIPTIONS ?? 200),
  kills = Number(process.env.BENCH_OUTBOX_KILLS ?? 20),
  backlog = Number(process.env.BENCH_OUTBOX_BACKLOG ?? 1000),
): Promise<string[]> {
  const log = (l: string) => process.stderr.write(`outbox: ${l}\n`);
  const notes: string[] = [];
  let cluster: PgCluster | undefined;
  if (postgresInstalled()) cluster = await startPgCluster({ fsync: true });
  else notes.push('PostgreSQL 15 is not installed (scripts/hw-prereqs.sh): its rows are skipped.');
  const setups = SETUPS.filter((s) => s.engine === 'sqlite' || cluster);
  try {
    // The figures first, then the proofs (the longer part); each result is logged as soon as it is known.
    const figures: [Setup, Figures][] = [];
    const yaml = ['execution: { backoffMs: { min: 50, max: 200 } }'];
    for (const setup of setups) {
      log(`figures: ${setup.name}`);
      const f = await onEngine(setup.engine, cluster, () =>
        runOutboxFigures({ backlog, paced: 300, ratePerSecond: 50, yaml, instances: setup.instances }),
      );
      figures.push([setup, f]);
      log(figuresTable(backlog, figures).at(-1)!);
    }
    const crashes: [Setup, CrashResult][] = [];
    // The proof on the embedded default and on the hosted setup; PostgreSQL with one instance is the
    // e2e-pg tier's outbox-crash at CI size.
    for (const setup of setups.filter((s) => s.engine === 'sqlite' || s.instances > 1)) {
      log(`crash proof: ${setup.name}`);
      const result = await onEngine(setup.engine, cluster, () =>
        runOutboxCrash({
          executions,
          prescriptions,
          kills,
          cancelEvery: 7,
          instances: setup.instances,
          log: (l) => log(`${setup.name}: ${l}`),
        }),
      ).catch((err: unknown) => failedRun(err));
      crashes.push([setup, result]);
      log(crashTable(executions, prescriptions, crashes).at(-1)!);
    }
    return [
      ...crashTable(executions, prescriptions, crashes),
      '',
      ...figuresTable(backlog, figures),
      ...notesOf(notes, crashes, figures),
    ];
  } finally {
    cluster?.stop();
  }
}

/** A proof that could not finish (a counter gave up on an answer): its error, as a violation. */
function failedRun(err: unknown): CrashResult {
  return {
    violations: [`run stopped: ${(err as Error).message}`],
    left: NaN,
    kills: NaN,
    killsPerInstance: [],
    seconds: NaN,
    replays: NaN,
    resent: NaN,
    duplicatesRemoved: NaN,
    cancellations: NaN,
  };
}

function crashTable(executions: number, prescriptions: number, crashes: [Setup, CrashResult][]): string[] {
  return [
    row([
      'setup',
      'executions',
      'prescriptions',
      'kills (per instance)',
      'cancellations',
      'violations',
      'left queued',
      'idempotent replays',
      'requests resent',
      'duplicate packs removed',
      'seconds',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...crashes.map(([setup, c]) =>
      row([
        setup.name,
        executions,
        prescriptions,
        `${c.kills} (${c.killsPerInstance.join(' + ')})`,
        c.cancellations,
        c.violations.length,
        c.left,
        c.replays,
        c.resent,
        c.duplicatesRemoved,
        fmt(c.seconds, 1),
      ]),
    ),
  ];
}

function figuresTable(backlog: number, figures: [Setup, Figures][]): string[] {
  const base = figures[0]?.[1].drainPerSecond ?? NaN;
  return [
    row([
      'setup',
      `drain of ${backlog} (acknowledgements/s)`,
      'drain vs SQLite',
      'validation→ack p50 (ms)',
      'p99 (ms)',
      'max (ms)',
      'cores during the drain: service / sandbox / rest',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...figures.map(([setup, f]) =>
      row([
        setup.name,
        fmt(f.drainPerSecond, 0),
        `×${fmt(f.drainPerSecond / base, 2)}`,
        fmt(percentile(f.latency, 50), 0),
        fmt(percentile(f.latency, 99), 0),
        fmt(Math.max(...f.latency), 0),
        `${fmt(f.cores.service, 2)} / ${fmt(f.cores.sandbox, 2)} / ${fmt(f.cores.other, 2)}`,
      ]),
    ),
  ];
}

function notesOf(notes: string[], crashes: [Setup, CrashResult][], figures: [Setup, Figures][]): string[] {
  const violations = [
    ...crashes.flatMap(([s, c]) => c.violations.slice(0, 5).map((v) => `${s.name}: ${v}`)),
    ...figures.flatMap(([s, f]) => f.violations.map((v) => `${s.name}: ${v}`)),
  ];
  return [
    ...(notes.length ? ['', ...notes] : []),
    ...(violations.length ? ['', 'violations:', ...violations.map((v) => `- ${v}`)] : []),
  ];
}
