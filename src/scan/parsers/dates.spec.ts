import { ScanException } from '../scan.exception';
import { expiryToIso, gs1DateToIso, gs1Year, isIsoDate, lastDayOfMonth } from './dates';

describe('gs1Year: GS1 General Specifications 7.12 sliding century window', () => {
  it.each([
    [0, 2026, 2000],
    [26, 2026, 2026],
    [49, 2026, 2049],
    [76, 2026, 2076], // +50: still this century
    [77, 2026, 1977], // +51: previous century
    [99, 2026, 1999],
    [0, 2090, 2100], // -90: next century
    [40, 2090, 2140], // -50: next century
    [41, 2090, 2041], // -49: this century
    [99, 2001, 1999],
    [50, 2000, 2050],
    [51, 2000, 1951],
  ])('YY %i in %i → %i', (yy, ref, year) => {
    expect(gs1Year(yy, ref)).toBe(year);
  });
});

describe('lastDayOfMonth', () => {
  it.each([
    [2024, 2, 29],
    [2025, 2, 28],
    [2000, 2, 29],
    [2100, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i → %i', (y, m, d) => {
    expect(lastDayOfMonth(y, m)).toBe(d);
  });
});

describe('expiryToIso (AI 17, day 00 = end of month)', () => {
  it.each([
    ['280831', '2028-08-31'],
    ['280200', '2028-02-29'],
    ['270200', '2027-02-28'],
    ['260400', '2026-04-30'],
    ['261200', '2026-12-31'],
    ['260101', '2026-01-01'],
  ])('%s → %s (reference 2026)', (yymmdd, iso) => {
    expect(expiryToIso(yymmdd, 2026)).toBe(iso);
  });

  it.each(['281301', '280001', '280230', '270229', '26043', '2604300', 'AB0101', ''])(
    '%j is GS1_MALFORMED',
    (bad) => {
      expect(() => expiryToIso(bad, 2026)).toThrow(ScanException);
      expect(() => expiryToIso(bad, 2026)).toThrow(expect.objectContaining({ code: 'GS1_MALFORMED' }));
    },
  );

  it('day 00 is refused where the linter is yymmdd', () => {
    expect(gs1DateToIso('280200', 2026, false)).toBeUndefined();
    expect(gs1DateToIso('20280229', 2026, false)).toBe('2028-02-29');
  });
});

describe('isIsoDate', () => {
  it.each([
    ['1966-02-23', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['1966-2-23', false],
    ['23/02/1966', false],
    ['1966-02-23T00:00', false],
  ])('%s → %s', (s, ok) => {
    expect(isIsoDate(s)).toBe(ok);
  });
});
