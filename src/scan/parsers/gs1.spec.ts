import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanException } from '../scan.exception';
import { GS1_AI_ROWS } from './gs1-ai-table';
import { GS1_AIS, lookupAi } from './gs1-ai';
import { GS, parseElementString } from './gs1-element-string';
import { parseScan, type Pack } from './index';
import { parsePack } from './pack.parser';

interface PackCase {
  name: string;
  data: string;
  options?: { fnc1Replacement?: string; referenceYear?: number };
  expected?: Pack;
  warnings?: string[];
  symbology?: string;
  error?: string;
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, '../../../test/fixtures/scans/packs.json'), 'utf8'),
) as {
  referenceYear: number;
  cases: PackCase[];
};

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScanException) return err.code;
    throw err;
  }
  throw new Error('expected a ScanException');
}

describe('GS1 AI table (generated from the GS1 Barcode Syntax Dictionary)', () => {
  it('has every dictionary entry', () => {
    expect(GS1_AI_ROWS).toHaveLength(224);
  });

  it.each([
    ['00', true, 18, 18, 'N', ['csum', 'gcppos2']],
    ['01', true, 14, 14, 'N', ['csum', 'gcppos2']],
    ['02', true, 14, 14, 'N', ['csum', 'gcppos2']],
    ['10', false, 1, 20, 'X', []],
    ['11', true, 6, 6, 'N', ['yymmd0']],
    ['15', true, 6, 6, 'N', ['yymmd0']],
    ['17', true, 6, 6, 'N', ['yymmd0']],
    ['21', false, 1, 20, 'X', []],
    ['30', false, 1, 8, 'N', []],
    ['240', false, 1, 30, 'X', []],
    ['3103', true, 6, 6, 'N', []],
    ['711', false, 1, 20, 'X', []],
    ['712', false, 1, 20, 'X', []],
    ['714', false, 1, 20, 'X', []],
    ['99', false, 1, 90, 'X', []],
  ])(
    'AI (%s): predefined %s, length %i..%i, type %s, linters %j',
    (ai, predefined, min, max, type, linters) => {
      const spec = GS1_AIS.get(ai)!;
      expect(spec).toMatchObject({ ai, predefined, minLength: min, maxLength: max });
      expect(spec.components[0]).toMatchObject({ type, linters });
    },
  );

  it('is prefix-free, so the AI at a position is never ambiguous', () => {
    const ais = [...GS1_AIS.keys()];
    const clashes = ais.filter((a) => ais.some((b) => b !== a && b.startsWith(a)));
    expect(clashes).toEqual([]);
  });

  it('looks AIs up by 2, 3 or 4 digits', () => {
    expect(lookupAi('0103400930091357', 0)?.ai).toBe('01');
    expect(lookupAi('xx7113009135', 2)?.ai).toBe('711');
    expect(lookupAi('3103000123', 0)?.ai).toBe('3103');
    expect(lookupAi('2300', 0)).toBeUndefined();
    expect(lookupAi('1', 0)).toBeUndefined();
  });
});

describe('pack: GS1 element strings (test/fixtures/scans/packs.json)', () => {
  const ok = fixture.cases.filter((c) => !c.error);
  const bad = fixture.cases.filter((c) => c.error);

  it.each(ok.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const scan = parseScan(c.data, { referenceYear: fixture.referenceYear, ...c.options });
    expect(scan.kind).toBe('pack');
    expect(scan.parsed).toEqual(c.expected);
    expect(scan.warnings).toEqual(c.warnings);
    expect(scan.symbology?.symbology).toBe(c.symbology);
  });

  it.each(bad.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(errorCode(() => parseScan(c.data, { referenceYear: fixture.referenceYear, ...c.options }))).toBe(
      c.error,
    );
  });
});

describe('parsePack and parseElementString', () => {
  it('parsePack reads an element string without any symbology handling', () => {
    const { parsed } = parsePack(`0103400930091357${GS}10A`, { referenceYear: 2026 });
    expect(parsed).toEqual({
      gtin: '03400930091357',
      cip13: '3400930091357',
      lot: 'A',
      ais: { '01': '03400930091357', '10': 'A' },
    });
  });

  it('parsePack applies the FNC1 replacement itself', () => {
    const { parsed } = parsePack('0103400930091357~10A~21B', { fnc1Replacement: '~', referenceYear: 2026 });
    expect(parsed).toMatchObject({ lot: 'A', serial: 'B' });
  });

  it('without separators, a string valid as it stands is read strictly (a lot may end the string)', () => {
    const r = parseElementString('010340093009135710LOTA17280831', 2026);
    expect(r).toEqual({
      inferred: false,
      elements: [
        { ai: '01', value: '03400930091357' },
        { ai: '10', value: 'LOTA17280831' },
      ],
    });
  });

  it('without separators and invalid as it stands, the split with the most elements wins', () => {
    // strictly, the lot would be LOTA21123456789012345617280831 (30 > 20 characters)
    const r = parseElementString('010340093009135710LOTA21123456789012345617280831', 2026);
    expect(r).toEqual({
      inferred: true,
      elements: [
        { ai: '01', value: '03400930091357' },
        { ai: '10', value: 'LOTA' },
        { ai: '21', value: '1234567890123456' },
        { ai: '17', value: '280831' },
      ],
    });
  });

  it('without separators, two splits with as many elements are refused as ambiguous', () => {
    // lot X + serial Y21999…, or lot X21Y + serial 999…
    expect(errorCode(() => parseElementString('010340093009135710X21Y2199999999999999999', 2026))).toBe(
      'GS1_MALFORMED',
    );
  });

  it('without separators, AIs outside the pack set are still read strictly (fixed length)', () => {
    const r = parseElementString('01034009300913573103000125', 2026);
    expect(r.elements).toEqual([
      { ai: '01', value: '03400930091357' },
      { ai: '3103', value: '000125' },
    ]);
  });

  it('reports the precise error when no split works (check digit)', () => {
    expect(errorCode(() => parseElementString('010340093009135817280831', 2026))).toBe('GS1_CHECK_DIGIT');
  });

  it('a GS inside a human-readable value is malformed', () => {
    expect(errorCode(() => parseElementString(`(01)03400930091357(10)A${GS}B`, 2026))).toBe('GS1_MALFORMED');
  });
});
