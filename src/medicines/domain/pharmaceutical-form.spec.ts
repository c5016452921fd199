import { formKey, matchForm, withinTolerance } from './pharmaceutical-form';

describe('matchForm (prescribed form, product form from CIS_bdpm.txt)', () => {
  it.each([
    ['comprimé', 'comprimé', 'same'],
    ['comprimé', 'comprimé pelliculé', 'same'],
    ['comprimé', 'comprimé pelliculé sécable', 'same'],
    ['comprimé sécable', 'comprimé enrobé', 'same'],
    ['gélule', 'gélule', 'same'],
    ['capsule', 'capsule molle', 'same'],
    ['comprimé', 'comprimé dispersible', 'variant'],
    ['comprimé', 'comprimé effervescent(e) sécable', 'variant'],
    ['comprimé', 'comprimé orodispersible', 'variant'],
    ['comprimé effervescent', 'comprimé effervescent(e)', 'same'],
    ['comprimé', 'gélule', 'oral-ir'],
    ['gélule', 'comprimé pelliculé', 'oral-ir'],
    ['comprimé', 'comprimé à libération prolongée', undefined],
    ['gélule', 'gélule gastro-résistant(e)', undefined],
    ['comprimé à libération prolongée', 'comprimé pelliculé à libération prolongée', 'same'],
    ['gélule à libération prolongée', 'microgranule à libération prolongée en gélule', 'same'],
    ['comprimé LP', 'comprimé à libération modifiée', undefined],
    ['gélule', 'gélule à libération prolongée', undefined],
    ['solution buvable', 'suspension buvable', undefined],
    ['comprimé', 'poudre pour solution buvable', undefined],
    ['granulés pour solution buvable en sachet', 'granulés pour solution buvable', 'same'],
  ])('%s ← %s: %s', (prescribed, product, match) => {
    expect(matchForm(prescribed, product)).toBe(match);
  });
});

describe('formKey', () => {
  it('reads family, release and use', () => {
    expect(formKey('comprimé effervescent(e) sécable')).toEqual({
      family: 'comprime',
      release: 'ir',
      use: ['effervescent'],
    });
    expect(formKey('comprimé pelliculé et  comprimé pelliculé')).toEqual({
      family: 'comprime',
      release: 'ir',
      use: [],
    });
  });
});

describe('withinTolerance', () => {
  it.each([
    ['same', 'variant', true],
    ['variant', 'variant', true],
    ['oral-ir', 'variant', false],
    ['oral-ir', 'oral-ir', true],
    [undefined, 'oral-ir', false],
  ] as const)('%s within %s: %s', (match, tolerance, ok) => {
    expect(withinTolerance(match, tolerance)).toBe(ok);
  });
});
