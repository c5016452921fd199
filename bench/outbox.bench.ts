import { runOutboxCrash, runOutboxFigures } from '../test/support/outbox-crash';
import { fmt, percentile, row } from './stats';

/**
 * The outbox at full size, every dispensation made over the HTTP API by 8 counter terminals: the crash proof
 * (1,000 executions over 200 prescriptions, 20 SIGKILLs, every 7th cancelled once acknowledged), then a healthy run for the figures: drain
 * throughput of a backlog validated while the teleservice answered 500, and validation → acknowledgement
 * of dispensations validated one at a time at 50/s.
 */
export async function benchOutbox(
  executions = Number(process.env.BENCH_OUTBOX_EXECUTIONS ?? 1000),
  prescriptions = Number(process.env.BENCH_OUTBOX_PRESCRIPTIONS ?? 200),
  kills = Number(process.env.BENCH_OUTBOX_KILLS ?? 20),
): Promise<string[]> {
  const out = [
    row([
      'executions',
      'prescriptions',
      'kills',
      'cancellations',
      'violations',
      'left queued',
      'idempotent replays',
      'requests resent',
      'duplicate packs removed',
      'seconds',
    ]),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  const crash = await runOutboxCrash({
    executions,
    prescriptions,
    kills,
    cancelEvery: 7,
    log: (l) => process.stderr.write(`outbox: ${l}\n`),
  });
  out.push(
    row([
      executions,
      prescriptions,
      crash.kills,
      crash.cancellations,
      crash.violations.length,
      crash.left,
      crash.replays,
      crash.resent,
      crash.duplicatesRemoved,
      fmt(crash.seconds, 1),
    ]),
  );
  const figures = [
    row(['configuration', 'drain (executions/s)', 'validation→ack p50 (ms)', 'p99 (ms)', 'max (ms)']),
    row(['---', '---:', '---:', '---:', '---:']),
  ];
  const backoff = 'backoffMs: { min: 50, max: 200 }';
  const configurations: [string, string[]][] = [
    ['default', [`execution: { ${backoff} }`]],
    ['concurrency 32', [`execution: { concurrency: 32, ${backoff} }`]],
  ];
  const failed = crash.violations.slice(0, 5);
  for (const [name, yaml] of configurations) {
    const f = await runOutboxFigures({ backlog: 500, paced: 300, ratePerSecond: 50, yaml });
    failed.push(...f.violations);
    const l = f.latency;
    figures.push(
      row([
        name,
        fmt(f.drainPerSecond, 0),
        fmt(percentile(l, 50), 0),
        fmt(percentile(l, 99), 0),
        fmt(Math.max(...l), 0),
      ]),
    );
  }
  const violations = failed.map((v) => `- ${v}`);
  return [...out, '', ...figures, ...(violations.length ? ['', 'violations:', ...violations] : [])];
}
