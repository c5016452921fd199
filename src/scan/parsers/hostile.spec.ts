import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanException } from '../scan.exception';
import { parseApcv } from './apcv.parser';
import { expiryToIso } from './dates';
import { parseScan } from './index';
import { parseIns } from './ins.parser';
import { parsePack } from './pack.parser';
import { parsePrescriptionId } from './prescription-id.parser';
import { parsePrescriptionQr } from './prescription-qr.parser';
import { parseProductCode } from './product-code.parser';

interface HostileCase {
  name: string;
  data?: string;
  generate?: [text: string, times: number][];
  latin1Hex?: string;
  expected: string;
}
const corpus = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/hostile/scans.json'), 'utf8'))
  .cases as HostileCase[];

function materialise(c: HostileCase): string {
  if (c.generate) return c.generate.map(([text, times]) => text.repeat(times)).join('');
  if (c.latin1Hex) return Buffer.from(c.latin1Hex, 'hex').toString('latin1');
  return c.data!;
}

/** Runs fn; returns the ScanException code, or 'ok'; anything else thrown fails the test. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof ScanException) return err.code;
    throw err;
  }
}

const PARSERS: [string, (s: string) => unknown][] = [
  ['parsePack', (s) => parsePack(s, { referenceYear: 2026, fnc1Replacement: '~' })],
  ['parseProductCode', parseProductCode],
  ['parsePrescriptionQr', parsePrescriptionQr],
  ['parsePrescriptionId', parsePrescriptionId],
  ['parseIns', (s) => parseIns(s, { fnc1Replacement: '|' })],
  ['parseApcv', parseApcv],
  ['expiryToIso', (s) => expiryToIso(s, 2026)],
];

describe('hostile corpus (test/fixtures/hostile/scans.json)', () => {
  it('has the generated 1 MB and 100000-level cases, not committed', () => {
    expect(corpus.find((c) => c.name === '1 MB string')?.data).toBeUndefined();
    expect(materialise(corpus.find((c) => c.name === '1 MB string')!)).toHaveLength(1048576);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const data = materialise(c);
    const started = performance.now();
    expect(outcome(() => parseScan(data, { referenceYear: 2026 }))).toBe(c.expected);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s: every single parser fails cleanly', (_name, c) => {
    const data = materialise(c);
    for (const [name, parse] of PARSERS) {
      const started = performance.now();
      expect([name, outcome(() => parse(data))]).not.toEqual([name, 'ok']);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
