import { performance } from 'node:perf_hooks';
import { parseScan } from '../src/scan/parsers';
import { fmt, row } from './stats';

const GS = '\x1d';
const SAMPLES: Record<string, string> = {
  'prescription-qr':
    '{"S":{"V":2},"D":{"ID":"202106180921110040","P":{"N":"GENE","P":"Alain","D":"1966-02-23"},"M":{"RPPS":"99900038441","AM":"991118019"}}}',
  'prescription-id': '202106180921110040',
  pack: `]d2010340093009135721880262526043813${GS}10VWA25001A${GS}17280831`,
  'product-code': '3400930091357',
  ins: `IS0100000000000000000000002550199000000771.2.250.1.213.1.4.10PIERRE ALAIN${GS}ESSAI${GS}M23-02-196663220`,
};

/** Parse throughput per kind: codes per second over a fixed time budget, after a warm-up. */
export function benchParse(budgetMs = 500): string[] {
  const lines = [row(['kind', 'codes/s', 'µs/code']), row(['---', '---', '---'])];
  for (const [kind, data] of Object.entries(SAMPLES)) {
    if (parseScan(data).kind !== kind)
      throw new Error(`sample for ${kind} parsed as ${parseScan(data).kind}`);
    for (let i = 0; i < 2000; i++) parseScan(data);
    let n = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < budgetMs) {
      for (let i = 0; i < 1000; i++) parseScan(data);
      n += 1000;
      elapsed = performance.now() - start;
    }
    lines.push(row([kind, Math.round((n / elapsed) * 1000).toLocaleString('en'), fmt((elapsed * 1000) / n)]));
  }
  return lines;
}
