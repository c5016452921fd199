import { scanOutcome as outcome } from '../../../test/fixtures/hostile/arbitrary-scan';
import { HOSTILE_PARSERS, hostileCorpus, materialise } from '../../../test/fixtures/hostile/corpus';
import { parseScan } from './index';

// How long each case takes is measured in `npm run bench` (bench/parse.bench.ts), not here.
const corpus = hostileCorpus();

describe('hostile corpus (test/fixtures/hostile/scans.json)', () => {
  it('has the generated 1 MB and 100000-level cases, not committed', () => {
    expect(corpus.find((c) => c.name === '1 MB string')?.data).toBeUndefined();
    expect(materialise(corpus.find((c) => c.name === '1 MB string')!)).toHaveLength(1048576);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const data = materialise(c);
    expect(outcome(() => parseScan(data, { referenceYear: 2026 }))).toBe(c.expected);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s: every single parser fails cleanly', (_name, c) => {
    const data = materialise(c);
    for (const [name, parse] of HOSTILE_PARSERS) {
      expect([name, outcome(() => parse(data))]).not.toEqual([name, 'ok']);
    }
  });
});
