import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cip7Key,
  cip7ToCip13,
  gs1CheckDigit,
  hasValidGs1CheckDigit,
  isLuhnValid,
  nirKey,
} from './check-digits';

interface Presentation {
  cis: string;
  cip7: string;
  cip13: string;
  declared: string;
  cip7KeyHolds: boolean;
}
const bdpm = JSON.parse(
  readFileSync(join(__dirname, '../../../test/fixtures/scans/bdpm-presentations.json'), 'utf8'),
).rows as Presentation[];

describe('GS1 mod-10 check digit', () => {
  it.each(bdpm.map((p) => [p.cip13, p.cip7] as const))('BDPM CIP13 %s is valid, as its GTIN-14', (cip13) => {
    expect(hasValidGs1CheckDigit(cip13)).toBe(true);
    expect(hasValidGs1CheckDigit(`0${cip13}`)).toBe(true);
  });

  it.each([
    ['400638133393', 1],
    ['00614141123456789', 0], // GS1's SSCC example 006141411234567890
    ['340093009135', 7],
  ])('%s → %i', (body, digit) => {
    expect(gs1CheckDigit(body)).toBe(digit);
  });

  it('refuses non-digits and too-short input', () => {
    expect(hasValidGs1CheckDigit('34009300913a7')).toBe(false);
    expect(hasValidGs1CheckDigit('7')).toBe(false);
  });
});

describe('CIP7 (checked against real BDPM pairs)', () => {
  it.each(bdpm.map((p) => [p.cip7, p.cip13] as const))('CIP7 %s → CIP13 %s', (cip7, cip13) => {
    expect(cip7ToCip13(cip7)).toBe(cip13);
  });

  it.each(bdpm.map((p) => [p.cip7, p.declared, p.cip7KeyHolds] as const))(
    'CIP7 %s (declared %s): legacy key holds = %s',
    (cip7, _declared, holds) => {
      expect(cip7Key(cip7.slice(0, 6)) === Number(cip7[6])).toBe(holds);
    },
  );

  it('the fixture has presentations on both sides of the key rule', () => {
    expect(new Set(bdpm.map((p) => p.cip7KeyHolds))).toEqual(new Set([true, false]));
  });
});

describe('NIR key (97 - n mod 97)', () => {
  it.each([
    ['2550814168025', 38], // INSEE's published example 2 55 08 14 168 025 38
    ['185032A004123', 24], // 2A counts as 19
    ['292112B033045', 61], // 2B counts as 18
    ['1800299134456', 68],
  ])('%s → %i', (body, key) => {
    expect(nirKey(body)).toBe(key);
  });

  it.each(['255081416802', '25508141680AB', '1850X2A004123', '18503 2A00412'])(
    '%j is not a NIR body',
    (body) => {
      expect(nirKey(body)).toBeUndefined();
    },
  );
});

describe('Luhn (RPPS)', () => {
  it.each([
    ['99900038441', true],
    ['99900038458', true],
    ['99900038442', false],
    ['', false],
    ['9990003844a', false],
  ])('%j → %s', (rpps, ok) => {
    expect(isLuhnValid(rpps)).toBe(ok);
  });
});
