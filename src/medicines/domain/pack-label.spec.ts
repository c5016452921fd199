import { parsePackLabel, unitOfForm } from './pack-label';

// Labels are real CIS_CIP_bdpm.txt column 3 values (May 2026) unless marked otherwise.
describe('parsePackLabel', () => {
  it.each([
    [
      'plaquette(s) thermoformée(s) PVC aluminium de 8 comprimé(s)',
      undefined,
      { units: 8, unit: 'comprimé', confidence: 'high' },
    ],
    [
      'plaquette(s) PVC PVDC aluminium de 14 comprimé(s)',
      undefined,
      { units: 14, unit: 'comprimé', confidence: 'high' },
    ],
    [
      '3 plaquette(s) PVC PVDC aluminium de 10 comprimé(s)',
      undefined,
      { units: 30, unit: 'comprimé', confidence: 'high' },
    ],
    [
      '9 plaquette(s) thermoformée(s) polyamide aluminium PVC-Aluminium de 10 comprimé(s)',
      undefined,
      { units: 90, unit: 'comprimé', confidence: 'high' },
    ],
    [
      'flacon(s) polyéthylène haute densité (PEHD) de 30 gélule(s) avec fermeture de sécurité enfant',
      undefined,
      { units: 30, unit: 'gélule', confidence: 'high' },
    ],
    [
      '1 flacon polyéthylène haute densité (PEHD) avec fermeture de sécurité enfant de 30 comprimés',
      undefined,
      { units: 30, unit: 'comprimé', confidence: 'high' },
    ],
    [
      'plaquette(s) PVC polyéthylène PVDC aluminium de 30 x 1 comprimés (dose unitaire)',
      undefined,
      { units: 30, unit: 'comprimé', confidence: 'high' },
    ],
    [
      'Plaquette(s) thermoformée(s) OPA : polyamide orienté aluminium PVC de 84 (7x12) gélule(s)',
      undefined,
      { units: 84, unit: 'gélule', confidence: 'high' },
    ],
    [
      '14 plaquettes prédécoupées unitaires polyamide aluminium PVC-Aluminium polytéréphtalate (PET) de 1 comprimé',
      undefined,
      { units: 14, unit: 'comprimé', confidence: 'high' },
    ],
    [
      '1 flacon(s) de 100 ml',
      undefined,
      { units: 1, unit: 'flacon', volume: { amount: 100, unit: 'ml' }, confidence: 'high' },
    ],
    [
      '2 flacon(s) en verre de 100 ml',
      undefined,
      { units: 2, unit: 'flacon', volume: { amount: 200, unit: 'ml' }, confidence: 'high' },
    ],
    [
      '20 récipient(s) unidose(s) polyéthylène de 2 ml suremballé(e)s/surpochée(s) par plaquette de 5 récipients unidoses',
      undefined,
      { units: 20, unit: 'récipient unidose', volume: { amount: 40, unit: 'ml' }, confidence: 'high' },
    ],
    [
      '1 tube(s) aluminium verni de 30 g',
      undefined,
      { units: 1, unit: 'tube', volume: { amount: 30, unit: 'g' }, confidence: 'high' },
    ],
    [
      '90 (3 boites de 30) sachet(s) papier aluminium polyéthylène de 8 g',
      undefined,
      { units: 90, unit: 'sachet', volume: { amount: 720, unit: 'g' }, confidence: 'high' },
    ],
    [
      'flacon(s) en verre de 150 ml avec gobelet(s) doseur(s) polypropylène',
      undefined,
      { units: 1, unit: 'flacon', volume: { amount: 150, unit: 'ml' }, confidence: 'high' },
    ],
    ['5 flacon(s) en verre brun', undefined, { units: 5, unit: 'flacon', confidence: 'high' }],
    // Not a BDPM label: the bare count the issue mentions; the speciality's form names the unit.
    ['boîte de 30', 'comprimé pelliculé', { units: 30, unit: 'comprimé', confidence: 'high' }],
    ['boîte de 30', undefined, { units: 30, confidence: 'low' }],
    [
      'plaquette(s) PVC polyéthylène PVDC aluminium de 90',
      'gélule',
      { units: 90, unit: 'gélule', confidence: 'high' },
    ],
    [
      '1 flacon(s) en verre de 1,5 ml - 1 flacon(s) en verre de 4,5 ml',
      undefined,
      { units: 1, unit: 'flacon', volume: { amount: 1.5, unit: 'ml' }, confidence: 'low' },
    ],
    [
      '1 flacon(s) de poudre en verre - 1 seringue(s) préremplie(s) en verre de 3 ml avec piston(s)',
      undefined,
      { units: 1, unit: 'flacon', confidence: 'low' },
    ],
    ['1 évaporateur fixe acier de 100 l', undefined, { confidence: 'none' }],
    [
      'plaquette(s) thermoformée(s) PVC-Aluminium 4 comprimés de 10 mg - plaquette(s) thermoformée(s) PVC-Aluminium 23 comprimés de 20 mg',
      undefined,
      { confidence: 'none' },
    ],
  ])('%s', (label, form, content) => {
    expect(parsePackLabel(label, form)).toEqual(content);
  });
});

describe('unitOfForm', () => {
  it.each([
    ['comprimé pelliculé sécable', 'comprimé'],
    ['gélule', 'gélule'],
    ['microgranule à libération prolongée en gélule', 'gélule'],
    ['capsule molle', 'capsule'],
    ['solution buvable', undefined],
  ])('%s → %s', (form, unit) => {
    expect(unitOfForm(form)).toBe(unit);
  });
});
