import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { parseScan } from '../src/scan/parsers';
import { anyScan, FUZZED_PARSERS } from '../test/fixtures/hostile/arbitrary-scan';
import { HOSTILE_PARSERS, hostileCorpus, materialise } from '../test/fixtures/hostile/corpus';
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

const once = (fn: () => unknown): number => {
  const t0 = performance.now();
  try {
    fn();
  } catch {
    // a refusal is the expected outcome: only its time counts here
  }
  return performance.now() - t0;
};

/** The median of 5 runs: a single run's time is mostly a garbage collection landing on it. */
const time = (fn: () => unknown): number =>
  [once(fn), once(fn), once(fn), once(fn), once(fn)].sort((a, b) => a - b)[2];

/**
 * The slowest input: each hostile corpus case through parseScan and through every single parser, and `samples`
 * arbitrary inputs (the fuzz test's generator) through every parser, each timed as a median of 5. The aim is under 250 ms for any one input and parser: what a scan may cost at worst.
 */
export function benchSlowestInputs(samples = 10_000): string[] {
  const lines = [
    row(['input set', 'parser', 'slowest (median of 5)', 'input']),
    row(['---', '---', '---', '---']),
  ];
  const corpus = hostileCorpus().map((c) => ({ name: c.name, data: materialise(c) }));
  const parsers: [string, (s: string) => unknown][] = [
    ['parseScan', (s) => parseScan(s, { referenceYear: 2026 })],
    ...HOSTILE_PARSERS,
  ];
  for (const [name, parse] of parsers) {
    const worst = slowest(corpus, (c) => parse(c.data));
    lines.push(row(['hostile corpus', name, `${fmt(worst.ms)} ms`, worst.input.name]));
  }
  const inputs = fc.sample(anyScan, { numRuns: samples, seed: 42 });
  for (const [name, parse] of FUZZED_PARSERS) {
    const worst = slowest(inputs, (data) => parse(data));
    lines.push(row([`${samples} arbitrary`, name, `${fmt(worst.ms)} ms`, `${worst.input.length} chars`]));
  }
  return lines;
}

function slowest<T>(inputs: T[], run: (input: T) => unknown): { ms: number; input: T } {
  let worst = { ms: -1, input: inputs[0] };
  for (const input of inputs) {
    const ms = time(() => run(input));
    if (ms > worst.ms) worst = { ms, input };
  }
  return worst;
}
