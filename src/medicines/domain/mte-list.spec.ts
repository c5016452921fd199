import { hasMteSubstance, isMteSubstance, MTE_SUBSTANCES } from './mte-list';

describe('MTE list (arrêtés of 12 November 2019 and 20 July 2022)', () => {
  it('has the thirteen substances of 2019 and the two of 2022', () => {
    expect(MTE_SUBSTANCES).toHaveLength(15);
    expect(MTE_SUBSTANCES.filter((s) => s.since === '2022-07-20').map((s) => s.name)).toEqual([
      'lacosamide',
      'oxcarbazépine',
    ]);
  });

  // Substance names as CIS_COMPO_bdpm.txt writes them (May 2026).
  it.each([
    ['LÉVOTHYROXINE SODIQUE', true],
    ['TOPIRAMATE', true],
    ['CHLORHYDRATE DE BUPRÉNORPHINE', true],
    ['VALPROATE DE SODIUM', true],
    ['SODIUM (VALPROATE DE)', true],
    ['MYCOPHÉNOLATE MOFÉTIL', true],
    ['MYCOPHÉNOLATE SODIQUE', true],
    ['OXCARBAZÉPINE', true],
    ['PARACÉTAMOL', false],
    ['TARTRATE DE ZOLPIDEM', false],
    ['AMOXICILLINE TRIHYDRATÉE', false],
  ])('%s → %p', (name, mte) => expect(isMteSubstance(name)).toBe(mte));

  it('reads a speciality by its FT or the SA behind it', () => {
    expect(
      hasMteSubstance([{ name: 'BUPRÉNORPHINE', salt: { name: 'CHLORHYDRATE DE BUPRÉNORPHINE' } }]),
    ).toBe(true);
    expect(hasMteSubstance([{ name: 'PARACÉTAMOL' }])).toBe(false);
  });
});
