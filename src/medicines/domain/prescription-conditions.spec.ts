import { normaliseConditions } from './prescription-conditions';

// Phrases are real CIS_CPD_bdpm.txt values (May 2026).
describe('normaliseConditions', () => {
  it.each([
    [['liste I'], { list: 'I' }],
    [['liste II'], { list: 'II' }],
    [
      [
        'prescription limitée à 4 semaines',
        'prescription en toutes lettres sur ordonnance sécurisée',
        'stupéfiants',
      ],
      { narcotic: true, securePrescription: true, maxPrescriptionDays: 28 },
    ],
    [['liste I', 'prescription limitée à 12 semaines'], { list: 'I', maxPrescriptionDays: 84 }],
    [['prescription limitée à 7 jours ou 28 jours'], { maxPrescriptionDays: 28 }],
    [['délivrance fractionnée de 7 jours', 'stupéfiants'], { narcotic: true, splitDeliveryDays: 7 }],
    [['prescription hospitalière'], { restricted: true }],
    [['prescription initiale hospitalière annuelle'], { restricted: true }],
    [['prescription réservée aux spécialistes et services NEUROLOGIE'], { restricted: true }],
    [['médicament nécessitant une surveillance particulière pendant le traitement'], { restricted: true }],
    [["réservé à l'usage HOSPITALIER"], { hospitalOnly: true }],
    [["médicament d'exception"], { exception: true }],
    [['renouvellement non restreint'], {}],
  ])('%j', (texts, flags) => {
    expect(normaliseConditions(texts)).toEqual({
      narcotic: false,
      securePrescription: false,
      exception: false,
      restricted: false,
      hospitalOnly: false,
      raw: texts,
      ...flags,
    });
  });
});
