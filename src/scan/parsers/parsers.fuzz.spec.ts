import fc from 'fast-check';
import {
  anyScan,
  FUZZED_PARSERS,
  REF_YEAR,
  scanOutcome,
} from '../../../test/fixtures/hostile/arbitrary-scan';
import { ScanException } from '../scan.exception';
import { gs1CheckDigit, nirKey } from './check-digits';
import { expiryToIso } from './dates';
import { parseScan, type Pack } from './index';
import { INS_HEADER } from './ins.parser';

// FUZZ_RUNS is the total number of runs, shared by the properties below by weight (default 10000). How long
// the slowest input takes is measured in `npm run bench` (bench/parse.bench.ts), not here.
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const runs = (share: number) => ({ numRuns: Math.max(1, Math.round(TOTAL_RUNS * share)) });
const GS = '\x1d';
const OUTCOME = /^(ok|[A-Z][A-Z0-9_]+)$/;

describe('fuzz: nothing but ScanException', () => {
  it('every parser, on arbitrary input', () => {
    fc.assert(
      fc.property(anyScan, (data) => {
        for (const [, parse] of FUZZED_PARSERS) expect(scanOutcome(() => parse(data))).toMatch(OUTCOME);
      }),
      runs(0.4),
    );
  });

  it('parseScan results always have a kind, a parsed object and a warnings array', () => {
    fc.assert(
      fc.property(anyScan, (data) => {
        try {
          const scan = parseScan(data, { referenceYear: REF_YEAR });
          expect(typeof scan.parsed).toBe('object');
          expect(Array.isArray(scan.warnings)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(ScanException);
        }
      }),
      runs(0.1),
    );
  });
});

// --- round trips -------------------------------------------------------------------------------------

const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const xValue = (max: number) =>
  fc
    .string({ unit: fc.constantFrom(...CSET82), minLength: 1, maxLength: max })
    .filter((v) => !/\(\d{2,4}\)/.test(v));
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const gtin = digits(13).map((body) => body + gs1CheckDigit(body));
const pad = (n: number) => String(n).padStart(2, '0');
/** A date in the GS1 window around REF_YEAR, with its ISO form computed by Date, not by the parser. */
const expiry = fc
  .date({
    min: new Date(Date.UTC(REF_YEAR - 49, 0, 1)),
    max: new Date(Date.UTC(REF_YEAR + 50, 11, 31)),
    noInvalidDate: true,
  })
  .map((d) => ({
    yymmdd: pad(d.getUTCFullYear() % 100) + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()),
    iso: d.toISOString().slice(0, 10),
  }));

const packElements = fc.record({
  gtin,
  expiry: fc.option(expiry, { nil: undefined }),
  lot: fc.option(xValue(20), { nil: undefined }),
  serial: fc.option(xValue(20), { nil: undefined }),
  extra: fc.option(xValue(30), { nil: undefined }),
});

describe('fuzz: GS1 round trip', () => {
  it('built element strings parse back to the same values, in every transport form', () => {
    fc.assert(
      fc.property(
        packElements,
        fc.nat(),
        fc.constantFrom(']d2', ']C1', ']Q3', GS, '~', '(hri)'),
        (e, seed, form) => {
          const elements: [string, string][] = [['01', e.gtin]];
          if (e.expiry) elements.push(['17', e.expiry.yymmdd]);
          if (e.lot !== undefined) elements.push(['10', e.lot]);
          if (e.serial !== undefined) elements.push(['21', e.serial]);
          if (e.extra !== undefined) elements.push(['240', e.extra]);
          const order = elements.map((el, i) => ({ el, k: (seed * (i + 7)) % 13 })).sort((a, b) => a.k - b.k);
          const els = order.map((o) => o.el);
          let data: string;
          if (form === '(hri)') data = els.map(([ai, v]) => `(${ai})${v}`).join('');
          else {
            const sep = form === '~' ? '~' : GS;
            const fixed = new Set(['01', '17']);
            const body = els
              .map(([ai, v], i) => ai + v + (!fixed.has(ai) && i < els.length - 1 ? sep : ''))
              .join('');
            data = form === '~' ? `]d2${body}` : form === GS ? GS + body : form + body;
          }
          const scan = parseScan(data, { referenceYear: REF_YEAR, fnc1Replacement: '~' });
          expect(scan.kind).toBe('pack');
          const p = scan.parsed as Pack;
          expect(p.ais).toEqual(Object.fromEntries(elements));
          expect(p.gtin).toBe(e.gtin);
          expect(p.expiry).toBe(e.expiry?.iso);
          expect(p.lot).toBe(e.lot);
          expect(p.serial).toBe(e.serial);
          expect(p.cip13).toBe(e.gtin.startsWith('03400') ? e.gtin.slice(1) : undefined);
          expect(scan.warnings).toEqual([]);
        },
      ),
      runs(0.15),
    );
  });

  it('day 00 is the last day of the month, as Date computes it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: REF_YEAR - 49, max: REF_YEAR + 50 }),
        fc.integer({ min: 1, max: 12 }),
        (y, m) => {
          const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
          expect(expiryToIso(`${pad(y % 100)}${pad(m)}00`, REF_YEAR)).toBe(`${y}-${pad(m)}-${pad(last)}`);
        },
      ),
      runs(0.05),
    );
  });

  it('a GTIN with any other check digit is GS1_CHECK_DIGIT', () => {
    fc.assert(
      fc.property(gtin, fc.integer({ min: 1, max: 9 }), (g, delta) => {
        const wrong = g.slice(0, 13) + String((Number(g[13]) + delta) % 10);
        expect(scanOutcome(() => parseScan(`]d201${wrong}17280831`, { referenceYear: REF_YEAR }))).toBe(
          'GS1_CHECK_DIGIT',
        );
      }),
      runs(0.05),
    );
  });
});

describe('fuzz: EAN-13 and INS', () => {
  const ean13 = digits(12).map((body) => body + gs1CheckDigit(body));

  it('a valid EAN-13 is accepted, with the code type of its prefix', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          ean13,
          digits(8)
            .map((d) => `3400${d}`)
            .map((b) => b + gs1CheckDigit(b)),
        ),
        (code) => {
          const scan = parseScan(code);
          const type = code.startsWith('3400') ? 'cip13' : code.startsWith('3401') ? 'acl13' : 'ean13';
          expect(scan).toEqual({
            kind: 'product-code',
            parsed: type === 'cip13' ? { code, codeType: type, cip13: code } : { code, codeType: type },
            warnings: [],
          });
        },
      ),
      runs(0.05),
    );
  });

  it('changing any one digit of a valid EAN-13 is EAN_CHECK_DIGIT', () => {
    fc.assert(
      fc.property(ean13, fc.nat({ max: 12 }), fc.integer({ min: 1, max: 9 }), (code, at, delta) => {
        const changed = code.slice(0, at) + String((Number(code[at]) + delta) % 10) + code.slice(at + 1);
        expect(scanOutcome(() => parseScan(changed))).toBe('EAN_CHECK_DIGIT');
      }),
      runs(0.05),
    );
  });

  const nirBody = fc
    .tuple(fc.constantFrom('1', '2'), digits(4), fc.constantFrom('2A', '2B', '75', '99', '13'), digits(6))
    .map((parts) => parts.join(''));

  it('an INS with a computed NIR key parses back; any other key is INS_MALFORMED', () => {
    fc.assert(
      fc.property(nirBody, fc.integer({ min: 1, max: 96 }), (body, delta) => {
        const key = nirKey(body)!;
        const ins = (k: number) =>
          `${INS_HEADER}${body}${pad(k)}1.2.250.1.213.1.4.8${GS}JEAN${GS}TEST${GS}M01-01-1990${body.slice(5, 7)}123`;
        expect(parseScan(ins(key)).parsed).toMatchObject({
          matricule: body + pad(key),
          birthPlace: `${body.slice(5, 7)}123`,
        });
        expect(scanOutcome(() => parseScan(ins(((key - 1 + delta) % 97) + 1)))).toBe('INS_MALFORMED');
      }),
      runs(0.1),
    );
  });
});
