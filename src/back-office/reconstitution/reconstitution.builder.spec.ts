import { parseScan } from '../../scan/parsers';
import {
  EXAMPLE_ACK,
  EXAMPLE_EXECUTION,
  EXAMPLE_PRESCRIPTION,
  PHARMACY,
} from '../../../test/fixtures/teleservice/examples';
import { encodePrescriptionQr } from '../../scan/parsers/prescription-qr.parser';
import { buildReconstitution, dataInstant } from './reconstitution.builder';
import type { DocumentModel, ExecutionFacts, ReconstitutionInput, Row } from './reconstitution.model';

const facts = (overrides: Partial<ExecutionFacts> = {}): ExecutionFacts => ({
  executionId: '0b7e3c1a-1111-4e2f-9a0b-000000000001',
  sequence: 1,
  status: 'acknowledged',
  createdAt: new Date('2026-11-22T08:45:00.000Z'),
  acknowledgedAt: new Date('2026-11-22T08:46:01.000Z'),
  acknowledgementId: EXAMPLE_ACK.acknowledgementId,
  payload: EXAMPLE_EXECUTION,
  operator: { rpps: '10001234567', lastName: 'TEST', firstName: 'PHARMACIEN', role: 'pharmacien' },
  invoice: {
    fseNumber: 'FSE0001',
    invoicedAt: new Date('2026-11-22T09:00:00.000Z'),
    recordedAt: new Date('2026-11-22T09:00:05.000Z'),
  },
  ...overrides,
});

const input = (overrides: Partial<ReconstitutionInput> = {}): ReconstitutionInput => ({
  prescription: EXAMPLE_PRESCRIPTION,
  retrievedAt: new Date('2026-11-22T08:30:00.000Z'),
  pharmacy: { ...PHARMACY, name: 'Pharmacie de Test' },
  software: 'Comptoir 0.1.0',
  executions: [facts()],
  scope: 'all',
  names: { '3400930065891': 'LEVOTHYROX 100 microgrammes, comprimé sécable (plaquette(s) de 30)' },
  timeZone: 'Europe/Paris',
  ...overrides,
});

/** Every string of the model, one per line, as a reader would see it. */
function allText(m: DocumentModel): string {
  const rows = (rs: Row[]) => rs.map((r) => (r.label ? `${r.label}: ${r.text}` : r.text));
  const sections = [m.identity, ...m.blocks.flatMap((b) => (b.kind === 'section' ? [b.section] : b.columns))];
  return [m.header.title, ...sections.flatMap((s) => [s.heading, ...rows(s.rows)]), m.footer].join('\n');
}

const secondExecution = facts({
  executionId: 'second',
  sequence: 3,
  status: 'queued',
  createdAt: new Date('2026-12-22T08:00:00.000Z'),
  acknowledgedAt: null,
  invoice: undefined,
  payload: {
    ...EXAMPLE_EXECUTION,
    dispensingDate: '2026-12-22',
    renewalNumber: 1,
    lines: [
      {
        lineId: '3',
        products: [{ cip13: '3400930065891', quantity: 1, lot: 'LV200' }],
        substitution: { substituted: false, mtePh: true },
        renewal: { kind: 'correspondent-renewal', comment: 'Renouvellement prévu' },
      },
    ],
  },
});

describe('buildReconstitution', () => {
  const cases: Array<{ name: string; input: ReconstitutionInput; has: string[]; hasNot?: string[] }> = [
    {
      name: 'prescriber, patient and pharmacy blocks',
      input: input(),
      has: [
        'Prescripteur',
        'Nom: Dr TRAL ADEMIS',
        'RPPS: 99900038441',
        'N° AM: 991118019',
        'Patient',
        'Nom: ESSAI ALAIN',
        'Né(e) le: 23/02/1966',
        'INS: 166022B12345678 (OID 1.2.250.1.213.1.4.10)',
        'Pharmacie',
        'FINESS: 990000011',
        'N° AM: 991234567',
        'N° ON: 202611200930000001',
      ],
    },
    {
      name: 'every line as prescribed, with what was delivered',
      input: input(),
      has: [
        'Ligne 1 — Médicament (identifiant 1)',
        'Prescrit: PARACETAMOL 1 g gélule — CIS 69309629',
        'Quantité: 2 boîtes par délivrance',
        'Délivré: 1 × produit non libellé — CIP13 3400941533969 — lot A1B2C3 — péremption 30/06/2028 — n° de série SN0000000001',
        'Délivré: 1 × LEVOTHYROX 100 microgrammes, comprimé sécable (plaquette(s) de 30) — CIP13 3400930065891 — lot LV100',
        'Ligne 4 — Dispositif médical (identifiant 4)',
        'Non délivré: rupture de stock — « Rupture grossiste »',
        'Mentions: non substituable (MTE) ; ALD',
      ],
    },
    {
      name: 'substitution, interventions (SFPC labels), conditional result',
      input: input(),
      has: [
        'Substitution: non',
        'Interventions pharmaceutiques (codes SFPC)',
        "• problème 6.2 Interaction - Précaution d'emploi ; intervention 5",
        'accord du prescripteur obtenu le 22/11/2026 09:45 (téléphone)',
        'Test: TROD angine positif, réalisé le 22/11/2026 09:40',
      ],
    },
    {
      name: 'execution summary: renewal number, who, acknowledgement, FSE',
      input: input(),
      has: [
        'Exécution n° 1 — Renouvellement n° 0 (première délivrance)',
        'Par: TEST PHARMACIEN, pharmacien, RPPS 10001234567',
        'Téléservice: acquittée par le téléservice le 22/11/2026 09:46 (accusé 7f9c2ba4-',
        'Facturation: FSE n° FSE0001, facturée le 22/11/2026 10:00',
      ],
    },
    {
      name: 'all executions: each line shows each execution, a line it did not touch says so',
      input: input({ executions: [facts(), secondExecution] }),
      has: [
        'Exécution n° 3 — Renouvellement n° 1',
        "Téléservice: en attente d'envoi au téléservice",
        'Exécution n° 3 — renouvellement n° 1 — 22/12/2026',
        'Ligne non traitée par cette exécution.',
        'Substitution: non ; non substituable MTE-PH (mention du pharmacien)',
        'Acte: renouvellement par le pharmacien correspondant ; Renouvellement prévu',
        'Périmètre: toutes les exécutions de cette pharmacie (n° 1, 3)',
      ],
    },
    {
      name: 'one execution asked for',
      input: input({ executions: [secondExecution], scope: 'one' }),
      has: ['Périmètre: exécution n° 3 de cette pharmacie'],
      hasNot: ['Exécution n° 1 —', 'FSE0001'],
    },
    {
      name: 'deliveries by other pharmacies come from the teleservice copy',
      input: input(),
      has: ['21/11/2026: Pharmacie de la Gare, FINESS 990000029 — exécution n° 1 — ligne 1 : 1 boîte'],
    },
    {
      name: 'no execution yet: the prescription alone',
      input: input({ executions: [] }),
      has: ['Périmètre: aucune exécution de cette pharmacie', 'Ligne 3 — Médicament'],
      hasNot: ['Exécutions\n', 'Délivré:'],
    },
    {
      name: 'a cancelled execution says so',
      input: input({
        executions: [
          facts({
            cancellation: {
              sequence: 2,
              reason: 'erreur de saisie',
              status: 'acknowledged',
              recordedAt: new Date('2026-11-23T08:00:00Z'),
            },
          }),
        ],
      }),
      has: ['Annulation: annulation n° 2 (acquittée par le téléservice) : erreur de saisie'],
    },
    {
      name: 'the footer says it is a reconstitution',
      input: input(),
      has: ['— ne vaut pas original.', 'établi par la pharmacie Pharmacie de Test, FINESS 990000011'],
    },
  ];

  it.each(cases)('$name', ({ input: given, has, hasNot }) => {
    const text = allText(buildReconstitution(given));
    for (const s of has) expect(text).toContain(s);
    for (const s of hasNot ?? []) expect(text).not.toContain(s);
  });

  it('is pure: the same input twice gives equal models', () => {
    expect(buildReconstitution(input())).toEqual(buildReconstitution(input()));
  });

  it.each([
    ['the retrieval', input({ executions: [] }), '2026-11-22T08:30:00.000Z'],
    ['the invoice record', input(), '2026-11-22T09:00:05.000Z'],
    ['a later execution', input({ executions: [facts(), secondExecution] }), '2026-12-22T08:00:00.000Z'],
  ])('dates the document from the data (%s), never from the clock', (_, given, expected) => {
    expect(dataInstant(given).toISOString()).toBe(expected);
    expect(buildReconstitution(given).info.creationDate.toISOString()).toBe(expected);
  });

  it('shows instants in the pharmacy zone it is given', () => {
    const overseas = allText(buildReconstitution(input({ timeZone: 'America/Cayenne' })));
    expect(overseas).toContain('Récupérée le: 22/11/2026 05:30');
  });

  describe('the QR payload', () => {
    it('is the ON QR v2 the counter reads back to the same prescription and traits', () => {
      const parsed = parseScan(encodePrescriptionQr(EXAMPLE_PRESCRIPTION));
      expect(parsed).toMatchObject({
        kind: 'prescription-qr',
        parsed: {
          prescriptionId: EXAMPLE_PRESCRIPTION.prescriptionId,
          qrVersion: 2,
          patient: { lastName: 'ESSAI', firstName: 'ALAIN', birthDate: '1966-02-23' },
          prescriber: { rpps: '99900038441', am: '991118019' },
        },
        warnings: [],
      });
    });

    it('carries the establishment FINESS and the replacing prescriber when the ON has them', () => {
      const p = {
        ...EXAMPLE_PRESCRIPTION,
        prescriber: { rpps: '99900038441', finess: '750000001', replacementRpps: '10001234567' },
      };
      expect(JSON.parse(encodePrescriptionQr(p)).D.M).toEqual({
        RPPS: '99900038441',
        FINESS: '750000001',
        RPPSR: '10001234567',
      });
    });
  });
});
