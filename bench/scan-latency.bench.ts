import { performance } from 'node:perf_hooks';
import { VirtualSerialScanner } from '../devices/sim/virtual-serial-scanner';
import { SseClient } from '../test/support/sse';
import { BENCH_TOKEN, startService } from './service';
import { fmt, percentile, row } from './stats';

const GS = '\x1d';

/** Frame written into the pty → `scan` SSE event, sequentially, `count` times. */
export async function benchScanLatency(count = 1000): Promise<string[]> {
  const scanner = await VirtualSerialScanner.start();
  const service = await startService(3900 + Math.floor(Math.random() * 50), [
    'terminals:',
    '  - id: counter-1',
    `    scanners: [{ id: bench-scanner, driver: serial, profile: generic-serial-cr, path: ${JSON.stringify(scanner.hostPath)} }]`,
  ]);
  try {
    const sse = new SseClient(`${service.url}/api/v1/events?terminalId=counter-1`, {
      Authorization: `Bearer ${BENCH_TOKEN}`,
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
      row([
        `pty frame → SSE scan event, p90 / p95 / max`,
        `${fmt(percentile(samples, 90))} / ${fmt(percentile(samples, 95))} / ${fmt(Math.max(...samples))} ms`,
      ]),
      row(['cold start → /health 200', `${fmt(service.coldStartMs, 0)} ms`]),
      row(['RSS after start', `${fmt(service.rssMb, 1)} MB`]),
    ];
  } finally {
    await service.stop();
    await scanner.stop();
  }
}
