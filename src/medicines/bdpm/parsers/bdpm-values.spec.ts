import { isValidCip13, parseEuroCents, parseFrenchDate, parseOuiNon, parseRates } from './bdpm-values';

describe('parseEuroCents (CIS_CIP_bdpm.txt columns 10–12)', () => {
  it.each([
    ['24,34', 2434],
    ['1,02', 102],
    ['1,466,29', 146629],
    ['7,518,58', 751858],
    ['0,5', 50],
    ['12', 1200],
    [undefined, undefined],
    ['12.5', undefined],
    ['1,46,29', undefined],
    ['abc', undefined],
  ])('%s → %s', (text, cents) => {
    expect(parseEuroCents(text)).toBe(cents);
  });
});

describe('parseRates', () => {
  it.each([
    ['65%', [65]],
    ['65 %', [65]],
    ['100%', [100]],
    ['65%;30%', [65, 30]],
    [undefined, []],
    ['150%', undefined],
    ['soixante', undefined],
  ])('%s → %j', (text, rates) => {
    expect(parseRates(text)).toEqual(rates);
  });
});

describe('parseFrenchDate', () => {
  it.each([
    ['06/02/2015', '2015-02-06'],
    ['19/01/1910', '1910-01-19'],
    ['29/11/2924', 'invalid'],
    ['31/02/2020', 'invalid'],
    ['2020-01-01', 'invalid'],
    [undefined, undefined],
  ])('%s → %s', (text, iso) => {
    expect(parseFrenchDate(text)).toBe(iso);
  });
});

describe('codes', () => {
  it.each([
    ['3400930008843', true],
    ['3400930008844', false],
    ['340093000884', false],
    ['5400930008843', false],
  ])('CIP13 %s valid: %s', (code, valid) => {
    expect(isValidCip13(code)).toBe(valid);
  });

  it.each([
    ['oui', true],
    ['non', false],
    ['inconnu', undefined],
  ])('agrément %s → %s', (text, value) => {
    expect(parseOuiNon(text)).toBe(value);
  });
});
