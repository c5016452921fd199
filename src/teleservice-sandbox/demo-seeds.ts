import type { PrescriptionSeed } from '../prescription/teleservice/teleservice.types';

/**
 * Demo prescriptions loaded when the sandbox database is empty, so `npm start` can be tried at once.
 * Medicines are real BDPM entries (CIS_bdpm.txt / CIS_CIP_bdpm.txt, ANSM – Base de données publique des
 * médicaments): DOLIPRANE 1000 mg gélule (CIS 69309629, CIP13 3400941533969), AMOXICILLINE BIOGARAN 1 g
 * comprimé dispersible (CIS 66511789, CIP13 3400930008843), LEVOTHYROX 100 microgrammes comprimé sécable
 * (CIS 68416845, CIP13 3400930065891). The BDPM has no devices and no LPP file is shipped: the device
 * line's LPP code and ACL13 are well-formed but illustrative. People are fictitious test identities.
 */
export const DEMO_PRESCRIPTION_IDS = [
  '202601150930000001',
  '202601150945000002',
  '202601151000000003',
] as const;

const prescriber = {
  rpps: '99900038441',
  am: '991118019',
  lastName: 'TRAL',
  firstName: 'ADEMIS',
  specialty: 'Médecine générale',
};

export function demoSeeds(today: string): PrescriptionSeed[] {
  return [
    {
      prescriptionId: DEMO_PRESCRIPTION_IDS[0],
      createdAt: today,
      prescriber,
      patient: { lastName: 'ESSAI', firstName: 'ALAIN', birthDate: '1966-02-23' },
      consentExecutionView: true,
      lines: [
        {
          lineId: '1',
          kind: 'medication',
          product: {
            cis: '69309629',
            dc: { substance: 'PARACÉTAMOL', strength: '1 g', form: 'gélule' },
            label: 'PARACETAMOL 1 g gélule',
          },
          posology: { text: '1 gélule matin et soir si douleur', unitsPerDay: 2 },
          quantity: { boxes: 1 },
          durationDays: 4,
        },
        {
          lineId: '2',
          kind: 'medication',
          product: {
            cis: '66511789',
            cip13: '3400930008843',
            label: 'AMOXICILLINE BIOGARAN 1 g, comprimé dispersible',
          },
          posology: { text: '1 comprimé matin et soir pendant 6 jours', unitsPerDay: 2 },
          quantity: { boxes: 1 },
          durationDays: 6,
          conditional: { test: 'trod-angine', validityDays: 7 },
        },
      ],
    },
    {
      prescriptionId: DEMO_PRESCRIPTION_IDS[1],
      createdAt: today,
      prescriber,
      patient: {
        lastName: 'TEST-DEMO',
        firstName: 'MARIE CLAIRE',
        birthDate: '1980-07-14',
        ins: { matricule: '280077512345609', oid: '1.2.250.1.213.1.4.8' },
      },
      consentExecutionView: true,
      lines: [
        {
          lineId: '1',
          kind: 'medication',
          product: {
            cis: '68416845',
            cip13: '3400930065891',
            label: 'LEVOTHYROX 100 microgrammes, comprimé sécable',
          },
          posology: { text: '1 comprimé le matin à jeun', unitsPerDay: 1 },
          quantity: { boxes: 1 },
          durationDays: 30,
          renewals: 2,
          nonSubstitutable: 'MTE',
          ald: true,
          pharmacistRenewalAuthorized: true,
        },
        {
          lineId: '2',
          kind: 'device',
          product: {
            lpp: '1000001',
            code: '3401500001233',
            label: 'Lancettes stériles pour autopiqueur, boîte de 100',
          },
          posology: { text: '1 lancette par contrôle glycémique' },
          quantity: { boxes: 1 },
          durationDays: 90,
        },
      ],
    },
    {
      prescriptionId: DEMO_PRESCRIPTION_IDS[2],
      createdAt: today,
      prescriber,
      patient: { lastName: 'ESSAI', firstName: 'ALAIN', birthDate: '1966-02-23' },
      consentExecutionView: false,
      lines: [
        {
          lineId: '1',
          kind: 'magistral',
          product: { label: 'Vaseline salicylée 10 %, 100 g' },
          posology: { text: 'Application locale matin et soir' },
          quantity: { units: 1 },
          durationDays: 15,
        },
      ],
    },
  ];
}
