import { runOutboxCrash } from '../test/support/outbox-crash';
import { fmt, percentile, row } from './stats';

/**
 * The outbox at full size: the crash proof (1,000 executions over 200 prescriptions, 20 SIGKILLs), then a
 * healthy run for the figures: drain throughput of a 500-row backlog appended while the service is down, and
 * append (validation) → ack over 500 appends offered at 50/s to the running service.
 * Appends come from another process, so they wait for the next poll (`execution.pollMs`) — in the service
 * an append wakes the dispatcher at once.
 */
export async function benchOutbox(
  executions = Number(process.env.BENCH_OUTBOX_EXECUTIONS ?? 1000),
  prescriptions = Number(process.env.BENCH_OUTBOX_PRESCRIPTIONS ?? 200),
  kills = Number(process.env.BENCH_OUTBOX_KILLS ?? 20),
): Promise<string[]> {
  const out = [
    row(['run', 'executions', 'prescriptions', 'kills', 'violations', 'left queued', 'replays', 'seconds']),
  ];
  out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  const crash = await runOutboxCrash({ executions, prescriptions, kills });
  const line = (name: string, r: typeof crash, k: number) =>
    row([name, executions, prescriptions, k, r.violations.length, r.left, r.replays, fmt(r.seconds, 1)]);
  out.push(line('crash', crash, kills));
  const figures = [row(['pollMs', 'drain (executions/s)', 'append→ack p50 (ms)', 'p99 (ms)', 'max (ms)'])];
  figures.push(row(['---:', '---:', '---:', '---:', '---:']));
  for (const pollMs of [50, 10]) {
    const healthy = await runOutboxCrash({
      executions,
      prescriptions,
      kills: 0,
      pauseMs: 20,
      yaml: [`execution: { pollMs: ${pollMs} }`],
    });
    out.push(line(`healthy, pollMs ${pollMs}`, healthy, 0));
    const l = healthy.latency;
    figures.push(
      row([
        pollMs,
        fmt(healthy.drainPerSecond, 0),
        fmt(percentile(l, 50), 0),
        fmt(percentile(l, 99), 0),
        fmt(Math.max(...l), 0),
      ]),
    );
  }
  const failed = crash.violations.slice(0, 5).map((v) => `- ${v}`);
  return [...out, '', ...figures, ...(failed.length ? ['', 'violations:', ...failed] : [])];
}
