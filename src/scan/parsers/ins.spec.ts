import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanException } from '../scan.exception';
import { nirKey } from './check-digits';
import { parseScan } from './index';
import { INS_HEADER, parseIns } from './ins.parser';

interface InsCase {
  name: string;
  data: string;
  expected?: unknown;
  warnings?: string[];
  error?: string;
}
const fixture = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/scans/ins.json'), 'utf8'))
  .cases as InsCase[];
const GS = '\x1d';

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScanException) return err.code;
    throw err;
  }
  throw new Error('expected a ScanException');
}

/** Builds an INS payload from the ANS layout: GS after S2/S3/S4 only when shorter than their maximum. */
function buildIns(f: {
  nir13: string;
  oid: string;
  first: string;
  last: string;
  sex: string;
  dmy: string;
  place: string;
}) {
  const key = String(nirKey(f.nir13)).padStart(2, '0');
  const ended = (v: string, max: number) => (v.length < max ? v + GS : v);
  return (
    INS_HEADER +
    f.nir13 +
    key +
    ended(f.oid, 20) +
    ended(f.first, 100) +
    ended(f.last, 100) +
    f.sex +
    f.dmy +
    f.place
  );
}

describe('ins (test/fixtures/scans/ins.json)', () => {
  it.each(fixture.filter((c) => !c.error).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const scan = parseScan(c.data);
    expect(scan.kind).toBe('ins');
    expect(scan.parsed).toEqual(c.expected);
    expect(scan.warnings).toEqual(c.warnings);
  });

  it.each(fixture.filter((c) => c.error).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(errorCode(() => parseScan(c.data))).toBe(c.error);
  });
});

describe('ins: built payloads', () => {
  const base = {
    nir13: '2690575056087',
    oid: '1.2.250.1.213.1.4.8',
    first: 'LUCIE',
    last: 'MARTIN',
    sex: 'F',
    dmy: '04-05-1969',
    place: '75056',
  };

  it('names of exactly 100 characters take no GS', () => {
    const first = `A${' B'.repeat(49)}C`;
    const last = 'M'.repeat(100);
    expect(first).toHaveLength(100);
    const scan = parseScan(buildIns({ ...base, first, last }));
    expect(scan.parsed).toMatchObject({ firstNames: first, birthName: last, birthPlace: '75056' });
  });

  it('a GS after a full-length field is tolerated', () => {
    const data = buildIns({ ...base, oid: '1.2.250.1.213.1.4.10' }).replace('1.4.10', `1.4.10${GS}`);
    expect(parseScan(data).parsed).toMatchObject({ oid: '1.2.250.1.213.1.4.10', firstNames: 'LUCIE' });
  });

  it('a name over 100 characters is INS_MALFORMED', () => {
    expect(errorCode(() => parseScan(buildIns({ ...base, last: 'M'.repeat(101) })))).toBe('INS_MALFORMED');
  });

  it('the FNC1 replacement also stands for GS in an INS code', () => {
    const data = buildIns(base).split(GS).join('~');
    expect(parseScan(data, { fnc1Replacement: '~' }).parsed).toMatchObject({ matricule: '269057505608782' });
    expect(parseIns(data, { fnc1Replacement: '~' }).parsed.birthDate).toBe('1969-05-04');
  });

  it('with the DataMatrix identifier ]d1', () => {
    const scan = parseScan(`]d1${buildIns(base)}`);
    expect(scan.kind).toBe('ins');
    expect(scan.symbology?.symbology).toBe('datamatrix');
  });

  it('every wrong key is refused', () => {
    const good = buildIns(base);
    for (let k = 1; k <= 97; k++) {
      if (k === 82) continue;
      const data = good.replace('269057505608782', `2690575056087${String(k).padStart(2, '0')}`);
      expect(errorCode(() => parseIns(data))).toBe('INS_MALFORMED');
    }
  });
});
