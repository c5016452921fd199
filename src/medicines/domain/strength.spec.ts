import { compositionStrengths, parseReference, parseStrength, sameStrength } from './strength';

describe('parseStrength', () => {
  it.each([
    ['1 g', { amount: 1000, unit: 'mg' }],
    ['1000 mg', { amount: 1000, unit: 'mg' }],
    ['1 000 mg', { amount: 1000, unit: 'mg' }],
    ['1000,00 mg', { amount: 1000, unit: 'mg' }],
    ['0,5 g', { amount: 500, unit: 'mg' }],
    ['500 mg', { amount: 500, unit: 'mg' }],
    ['100 microgrammes', { amount: 0.1, unit: 'mg' }],
    ['100 µg', { amount: 0.1, unit: 'mg' }],
    ['5,631 g', { amount: 5631, unit: 'mg' }],
    ['1 000 000 UI', { amount: 1e6, unit: 'UI' }],
    ['250 mg/5 ml', { amount: 250, unit: 'mg', per: { amount: 5, unit: 'ml' } }],
    ['12,5 mg/ml', { amount: 12.5, unit: 'mg', per: { amount: 1, unit: 'ml' } }],
    ['2CH à 30CH et 4DH à 60DH', undefined],
    ['', undefined],
  ])('%s', (text, strength) => {
    const s = parseStrength(text);
    if (strength === undefined) expect(s).toBeUndefined();
    else expect(s).toEqual({ ...strength, amount: expect.closeTo(strength.amount, 9) });
  });
});

describe('sameStrength', () => {
  const s = (t: string) => parseStrength(t)!;
  it.each([
    ['1 g', '1000 mg', true],
    ['0,5 g', '500 mg', true],
    ['100 microgrammes', '0,1 mg', true],
    ['250 mg/5 ml', '50 mg/ml', true],
    ['250 mg/5 ml', '250 mg', false],
    ['1 g', '500 mg', false],
    ['1 g', '1000 UI', false],
  ])('%s = %s: %s', (a, b, same) => {
    expect(sameStrength(s(a), s(b))).toBe(same);
  });
});

describe('CIS_COMPO dosage reference (column 6)', () => {
  it.each([
    ['un comprimé', { perUnit: true }],
    ['une ampoule de 2 ml', { perUnit: true, amount: { amount: 2, unit: 'ml' } }],
    ['un sachet de 8,000 g', { perUnit: true, amount: { amount: 8000, unit: 'mg' } }],
    ['5 ml de suspension reconstituée', { perUnit: false, amount: { amount: 5, unit: 'ml' } }],
    ['100 g de crème', { perUnit: false, amount: { amount: 100000, unit: 'mg' } }],
  ])('%s', (ref, parsed) => {
    expect(parseReference(ref)).toEqual(parsed);
  });

  it('gives a per-unit strength and, for an amount reference, a concentration', () => {
    expect(compositionStrengths('1000,00 mg', 'un comprimé')).toEqual([{ amount: 1000, unit: 'mg' }]);
    expect(compositionStrengths('250 mg', '5 ml de suspension')).toEqual([
      { amount: 250, unit: 'mg', per: { amount: 5, unit: 'ml' } },
    ]);
    expect(compositionStrengths('10 mg', 'une ampoule de 1 ml')).toEqual([
      { amount: 10, unit: 'mg' },
      { amount: 10, unit: 'mg', per: { amount: 1, unit: 'ml' } },
    ]);
    expect(compositionStrengths(undefined, 'un comprimé')).toEqual([]);
  });
});
