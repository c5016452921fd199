import type { PrescriptionSeed } from '../prescription/teleservice/teleservice.types';
import type { SetStatus } from './sandbox.rules';

/** One prescription a scenario sets up: its seed, deliveries other pharmacies already made, and a note. */
export interface ScenarioPrescription {
  seed: PrescriptionSeed;
  elsewhere?: { date: string; lines: { lineId: string; quantity: number }[] }[];
  /** A status set afterwards, as the prescriber would (`POST /sandbox/prescriptions/:id/status`). */
  status?: SetStatus;
  note: string;
}

/** API.md's scenario names, in its order. */
export const SCENARIO_NAMES = [
  'delivered-elsewhere',
  'expired',
  'cancelled',
  'narcotic-late',
  'trod-angine',
  'bu-cystite',
  'correspondent-renewal',
  'exceptional-dispensation',
  'mte',
  'generic-refusal',
  'outage-during-validation',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

const prescriber = { rpps: '99900038441', am: '991118019', lastName: 'TRAL', firstName: 'ADEMIS' };
const patient = { lastName: 'ESSAI', firstName: 'ALAIN', birthDate: '1966-02-23' };

// Real BDPM presentations of the shipped subset.
const DOLIPRANE = { cis: '69309629', cip13: '3400941533969', label: 'DOLIPRANE 1000 mg, gélule' };
const AMOXICILLINE = {
  cis: '66511789',
  cip13: '3400930008843',
  label: 'AMOXICILLINE BIOGARAN 1 g, comprimé dispersible',
};
const CLAMOXYL = { cip13: '3400934171727', label: 'CLAMOXYL 1 g, comprimé dispersible' };
const LEVOTHYROX = {
  cis: '68416845',
  cip13: '3400930065891',
  label: 'LEVOTHYROX 100 microgrammes, comprimé sécable',
};
const SKENAN = {
  cis: '69666321',
  label: 'SKENAN L.P. 30 mg, microgranules à libération prolongée en gélule',
};
const FOSFOMYCINE = {
  cis: '66806921',
  label: 'FOSFOMYCINE BIOGARAN 3 g, granulés pour solution buvable en sachet',
};

const medication = (product: object, rest: object = {}) => ({
  kind: 'medication' as const,
  product,
  posology: { text: '1 prise matin et soir', unitsPerDay: 2 },
  durationDays: 7,
  ...rest,
});

/**
 * The hard cases in one call (API.md § Teleservice sandbox, `POST /sandbox/scenarios/:name`): each gives the
 * prescriptions to scan and what the counter should show. docs/integration.md § Sandbox scenarios walks
 * through each with curl. `daysAgo(n)` is the sandbox's calendar day n days before today.
 */
export function scenario(name: ScenarioName, daysAgo: (n: number) => string): ScenarioPrescription[] {
  const seed = (
    createdAt: string,
    lines: PrescriptionSeed['lines'],
    extra: Partial<PrescriptionSeed> = {},
  ) => ({
    createdAt,
    prescriber,
    patient,
    consentExecutionView: true,
    lines,
    ...extra,
  });
  switch (name) {
    case 'delivered-elsewhere':
      return [
        {
          seed: seed(daysAgo(2), [medication(DOLIPRANE, { quantity: { boxes: 2 } })]),
          elsewhere: [{ date: daysAgo(1), lines: [{ lineId: '1', quantity: 1 }] }],
          note: 'Another pharmacy delivered 1 of the 2 boxes yesterday: the line shows it in deliveredElsewhere and expects 1 more box; a second box is QUANTITY_EXCEEDS_PRESCRIPTION.',
        },
      ];
    case 'expired':
      return [
        {
          seed: seed(daysAgo(120), [medication(DOLIPRANE, { quantity: { boxes: 1 } })], {
            expiresAt: daysAgo(1),
          }),
          note: 'Expired yesterday: scanning it opens a dispensation with the blocking issue PRESCRIPTION_EXPIRED.',
        },
      ];
    case 'cancelled':
      return [
        {
          seed: seed(daysAgo(2), [medication(DOLIPRANE, { quantity: { boxes: 2 } })]),
          elsewhere: [{ date: daysAgo(1), lines: [{ lineId: '1', quantity: 1 }] }],
          status: 'cancelled',
          note: 'Cancelled by its prescriber after another pharmacy delivered 1 box yesterday: scanning it opens a dispensation with PRESCRIPTION_CANCELLED (blocking, no override) showing that delivery; validation is refused; POST …/abandon {reason} closes it.',
        },
      ];
    case 'narcotic-late':
      return [
        {
          seed: seed(daysAgo(6), [medication(SKENAN, { durationDays: 28, secure: true })]),
          note: 'A narcotic presented 6 days after it was written: NARCOTIC_PRESENTATION_LATE, only the 22 days left may be delivered (3 boxes of 14 and 2 gélules of a cut box: POST …/packs {cip13, units}).',
        },
      ];
    case 'trod-angine':
      return [
        {
          seed: seed(daysAgo(0), [
            medication(AMOXICILLINE, { conditional: { test: 'trod-angine', validityDays: 7 } }),
          ]),
          note: 'Conditional on a TROD angine: CONDITION_NOT_MET until POST …/lines/1/conditional {test: "trod-angine", result, performedAt}; negative, the line is not delivered.',
        },
      ];
    case 'bu-cystite':
      return [
        {
          seed: seed(daysAgo(0), [
            medication(FOSFOMYCINE, {
              durationDays: 1,
              posology: { text: '1 sachet en prise unique', unitsPerDay: 1 },
              conditional: { test: 'bu-cystite', validityDays: 7 },
            }),
          ]),
          note: 'Conditional on a urine strip (BU): POST …/lines/1/conditional {test: "bu-cystite", result, performedAt, findings: {nitrites, leucocytes}}.',
        },
      ];
    case 'correspondent-renewal':
      return [
        {
          seed: seed(daysAgo(28), [
            medication(LEVOTHYROX, {
              durationDays: 30,
              pharmacistRenewalAuthorized: true,
              posology: { text: '1 comprimé le matin à jeun', unitsPerDay: 1 },
            }),
          ]),
          note: 'The prescriber authorised the correspondent pharmacist to renew: POST …/lines/1/renewal {kind: "correspondent-renewal"} before scanning the box.',
        },
      ];
    case 'exceptional-dispensation':
      return [
        {
          seed: seed(daysAgo(95), [
            medication(LEVOTHYROX, {
              durationDays: 30,
              renewals: 2,
              posology: { text: '1 comprimé le matin à jeun', unitsPerDay: 1 },
            }),
          ]),
          elsewhere: [95, 65, 35].map((n) => ({ date: daysAgo(n), lines: [{ lineId: '1', quantity: 1 }] })),
          note: 'A chronic treatment delivered in full (3 months, the last box 35 days ago) that ended 5 days ago: PRESCRIPTION_FULLY_EXECUTED, and a box QUANTITY_EXCEEDS_PRESCRIPTION, until POST …/lines/1/renewal {kind: "exceptional-dispensation", durationDays: 30} (R.5123-2-1; PATCH …/lines/1 {prescriberInformed} records that the prescriber was told); the sandbox accepts the supplementary execution.',
        },
      ];
    case 'mte':
      return [
        {
          seed: seed(daysAgo(0), [
            medication(LEVOTHYROX, {
              durationDays: 30,
              nonSubstitutable: 'MTE',
              posology: { text: '1 comprimé le matin à jeun', unitsPerDay: 1 },
            }),
          ]),
          note: '« Non substituable (MTE) »: another levothyroxine is NS_SUBSTITUTION_FORBIDDEN; the prescribed LEVOTHYROX box matches.',
        },
      ];
    case 'generic-refusal':
      return [
        {
          seed: seed(daysAgo(0), [medication(CLAMOXYL, { durationDays: 6 })]),
          note: 'The patient refuses the generic: PATCH …/lines/1 {patientRefusedGeneric: true} and deliver the princeps (no third-party payment); the execution says so.',
        },
      ];
    case 'outage-during-validation':
      return [
        {
          seed: seed(daysAgo(0), [medication(DOLIPRANE, { quantity: { boxes: 1 } })]),
          note: 'Scan it and the box, then POST /sandbox/faults {mode: "http500", rate: 1} and validate: 200, the execution is queued and retried; POST /sandbox/faults {mode: "none"} and it is acknowledged, in sequence.',
        },
      ];
  }
}
