import { moietyKey, substanceKey } from './substance-name';

describe('substance names (CIS_COMPO_bdpm.txt column 4) and prescribed DC', () => {
  it.each([
    ['PARACÉTAMOL', 'paracetamol'],
    ['paracétamol', 'paracetamol'],
    ['AMOXICILLINE ANHYDRE', 'amoxicilline'],
    ['AMOXICILLINE TRIHYDRATÉE', 'amoxicilline'],
    ['LÉVOTHYROXINE SODIQUE', 'levothyroxine'],
    ['LÉVOTHYROXINE SODIQUE ANHYDRE', 'levothyroxine'],
    ['FOSFOMYCINE TROMÉTAMOL', 'fosfomycine'],
    ['PIVMÉCILLINAM (CHLORHYDRATE DE)', 'pivmecillinam'],
    ["OXYCODONE (CHLORHYDRATE D')", 'oxycodone'],
    ['SULFATE DE MORPHINE', 'morphine'],
    ['MORPHINE (SULFATE DE)', 'morphine'],
    ['CHLORHYDRATE DE CIPROFLOXACINE', 'ciprofloxacine'],
    ['AZITHROMYCINE DIHYDRATÉE', 'azithromycine'],
    ['JOSAMYCINE BASE', 'josamycine'],
    ['PROPIONATE DE JOSAMYCINE', 'josamycine'],
    ['ACIDE CLAVULANIQUE', 'acide clavulanique'],
    ['CHLORURE DE SODIUM', 'chlorure de sodium'],
  ])('%s → %s', (name, key) => {
    expect(moietyKey(name)).toBe(key);
  });

  it('folds without removing salts', () => {
    expect(substanceKey('LÉVOTHYROXINE  SODIQUE')).toBe('levothyroxine sodique');
  });
});
