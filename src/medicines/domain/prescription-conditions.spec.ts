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
    [
      ['prescription réservée aux spécialistes et services NEUROLOGIE'],
      { restricted: true, specialists: { specialties: ['NEUROLOGIE'], scope: 'prescription' } },
    ],
    [
      // EPITOMAX 15 mg (CIS 69104026): three specialties, and an initial-only phrase that does not widen them.
      [
        'prescription réservée aux spécialistes et services NEUROLOGIE',
        'prescription réservée aux spécialistes et services PEDIATRIE',
        'pour enfants et adolescents de sexe féminin, femmes susceptibles de procréer et femmes enceintes : prescription initiale annuelle réservée à certains spécialistes',
        'prescription réservée aux médecins compétents DOULEUR',
      ],
      {
        restricted: true,
        specialists: { specialties: ['NEUROLOGIE', 'PEDIATRIE', 'DOULEUR'], scope: 'prescription' },
      },
    ],
    [
      ['prescription initiale semestrielle réservée à certains spécialistes'],
      { restricted: true, specialists: { specialties: [], scope: 'initial' } },
    ],
    [
      ['renouvellement de la prescription réservé aux spécialistes en HEPATO/GASTRO-ENTEROLOGIE'],
      { specialists: { specialties: ['HEPATO/GASTRO-ENTEROLOGIE'], scope: 'prescription' } },
    ],
    [
      ['prescription réservée aux médecins compétents en CANCEROLOGIE'],
      { restricted: true, specialists: { specialties: ['CANCEROLOGIE'], scope: 'prescription' } },
    ],
    [
      // STILNOX 10 mg (CIS 63179285).
      [
        'prescription limitée à 4 semaines',
        'liste I',
        'prescription en toutes lettres sur ordonnance sécurisée',
        "chevauchement interdit sauf mention expresse du prescripteur portée sur l'ordonnance",
      ],
      { list: 'I', maxPrescriptionDays: 28, securePrescription: true, overlapForbidden: true },
    ],
    [
      // SUBUTEX 8 mg (CIS 68945058): buprénorphine is not a stupéfiant; its CPD carries its own limits.
      [
        'prescription limitée à 4 semaines',
        'délivrance fractionnée de 7 jours',
        'liste I',
        'prescription en toutes lettres sur ordonnance sécurisée',
      ],
      { list: 'I', maxPrescriptionDays: 28, splitDeliveryDays: 7, securePrescription: true },
    ],
    [['délivrance fractionnée de 14 jours'], { splitDeliveryDays: 14 }],
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
