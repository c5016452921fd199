import {
  CIP,
  execution,
  line,
  PackSpec,
  prescription,
  reconcilePacks,
} from '../../../test/factories/dispensation.factory';
import { subsetReferential, SubsetReferential } from '../../../test/support/subset-referential';
import type { PrescriptionLineView } from '../../prescription/prescription.view';
import type { ProjectionContext } from './referential-facts';

// RULES.md, rule by rule, on real rows of the shipped BDPM subset: one table, each case names its rule.

let referential: SubsetReferential;
beforeAll(async () => {
  referential = await subsetReferential();
});

const perDay = (n: number) => ({ text: `${n} par jour`, unitsPerDay: n });
const requip = (extra: Partial<PrescriptionLineView> = {}) =>
  line({ product: { cis: '66649523' }, posology: perDay(3), durationDays: 30, ...extra });
const epitomax = () => line({ product: { cis: '69104026' }, posology: perDay(1), durationDays: 30 });
const previscan = () => line({ product: { cis: '68133651' }, posology: perDay(0.5), durationDays: 30 });
const doliprane = () => line({ product: { cis: '69309629' }, posology: perDay(3), durationDays: 30 });
const skenan30 = (extra: Partial<PrescriptionLineView> = {}) =>
  line({ product: { cis: '69666321' }, posology: perDay(2), durationDays: 28, ...extra });
const subutex = (extra: Partial<PrescriptionLineView> = {}) =>
  line({ product: { cis: '68945058' }, posology: perDay(1), durationDays: 28, ...extra });
const stilnox = (extra: Partial<PrescriptionLineView> = {}) =>
  line({ product: { cis: '63179285' }, posology: perDay(1), durationDays: 28, ...extra });
const levothyrox = (extra: Partial<PrescriptionLineView> = {}) =>
  line({
    product: { cis: '68416845', cip13: CIP.levothyrox30 },
    posology: perDay(1),
    quantity: { boxes: 1 },
    durationDays: 30,
    ...extra,
  });
const fosfomycine = () =>
  line({
    product: { cis: '66806921' },
    posology: perDay(1),
    durationDays: 1,
    conditional: { test: 'bu-cystite', validityDays: 7 },
  });
const pantoprazoleDc = () =>
  line({
    product: { dc: { substance: 'PANTOPRAZOLE', strength: '40 mg', form: 'comprimé' } },
    posology: perDay(1),
    durationDays: 28,
  });

/** Four monthly deliveries of one box from 21 July 2026: the treatment ended on 18 November (day 120). */
const fourMonths: [string, number][] = [
  ['2026-07-21', 1],
  ['2026-08-20', 1],
  ['2026-09-19', 1],
  ['2026-10-19', 1],
];

interface Case {
  rule: string;
  name: string;
  line: () => PrescriptionLineView;
  createdAt?: string;
  date?: string;
  /** Earlier deliveries of the line: [date, boxes]. */
  prior?: [string, number][];
  specialty?: string;
  packs: (cip13: string) => PackSpec[];
  context?: (lineId: string) => ProjectionContext;
  status: string;
  codes: string[];
  expectedBoxes?: number | null;
  renewal?: { renewalNumber: number; complement: boolean; exceptional?: boolean };
}

const boxes = (n: number, cip13: string, extra: Partial<PackSpec> = {}): PackSpec[] =>
  Array.from({ length: n }, () => ({ cip13, ...extra }));
/** Every ropinirole 1 mg is under an ANSM supply-tension notice (CIS_CIP_Dispo_Spec, May 2026): one per box. */
const tension = (n: number) => Array.from({ length: n }, () => 'PRODUCT_UNAVAILABLE_NOTICE');

const CASES: Case[] = [
  // § Quantities — whole boxes inside the cap of one delivery (R.5132-12 for listes I/II, R.5123-2 for
  // every reimbursed medicine): `expectedBoxes` is never a quantity the rules then block.
  {
    rule: 'R.5132-12 (4 weeks: a box of 21 lasts 7 days)',
    name: 'ROPINIROLE 3/day for 30 days: 4 boxes of 21 (28 days)',
    line: requip,
    packs: () => boxes(4, CIP.requip21),
    status: 'matched',
    codes: tension(4),
    expectedBoxes: 4,
  },
  {
    rule: 'R.5132-12',
    name: 'ROPINIROLE: a fifth box is over the cap',
    line: requip,
    packs: () => boxes(5, CIP.requip21),
    status: 'blocked',
    codes: [...tension(5), 'DELIVERY_CAP_EXCEEDED'],
    expectedBoxes: 4,
  },
  {
    rule: 'L.5125-23 II (generic group 675)',
    name: 'ROPINIROLE EG on a REQUIP line: a substitution',
    line: requip,
    packs: () => boxes(4, CIP.ropiniroleEg21),
    status: 'substituted',
    codes: tension(4),
    expectedBoxes: 4,
  },
  {
    rule: 'R.5132-12 (4 weeks: a box of 28 lasts 28 days)',
    name: 'TOPIRAMATE 15 mg 1/day for 30 days: 1 box of 28, prescribed by a neurologist',
    line: epitomax,
    specialty: 'Neurologie',
    packs: () => boxes(1, CIP.epitomax28),
    status: 'matched',
    codes: [],
    expectedBoxes: 1,
  },
  {
    rule: 'R.5132-12',
    name: 'TOPIRAMATE: a second box is over the cap',
    line: epitomax,
    specialty: 'Neurologie',
    packs: () => boxes(2, CIP.epitomax28),
    status: 'blocked',
    codes: ['DELIVERY_CAP_EXCEEDED'],
    expectedBoxes: 1,
  },
  {
    rule: 'R.5121-90 (« prescription réservée aux spécialistes et services NEUROLOGIE »…)',
    name: 'TOPIRAMATE prescribed in general practice: the specialties required are named',
    line: epitomax,
    specialty: 'Médecine générale',
    packs: () => boxes(1, CIP.epitomax28),
    status: 'matched',
    codes: ['SPECIALIST_PRESCRIPTION_REQUIRED'],
  },
  {
    rule: 'R.5132-12 (smallest pack over the cap)',
    name: 'FLUINDIONE half a tablet a day for 30 days: one box of 30 (60 days) is deliverable',
    line: previscan,
    packs: () => boxes(1, CIP.previscan30),
    status: 'matched',
    codes: ['DELIVERY_ROUNDED_UP'],
    expectedBoxes: 1,
  },
  {
    rule: 'R.5132-12',
    name: 'FLUINDIONE: a second box is over the cap (and a whole box more than prescribed)',
    line: previscan,
    packs: () => boxes(2, CIP.previscan30),
    status: 'blocked',
    codes: ['QUANTITY_EXCEEDS_PRESCRIPTION', 'DELIVERY_CAP_EXCEEDED'],
    expectedBoxes: 1,
  },
  {
    rule: 'R.5123-2 (a reimbursed medicine that is not listed: 30 days)',
    name: 'DOLIPRANE 3/day for 30 days: 11 boxes of 8, never the 12th',
    line: doliprane,
    packs: () => boxes(11, CIP.dolipraneGelule),
    status: 'matched',
    codes: [],
    expectedBoxes: 11,
  },
  {
    rule: 'R.5123-2',
    name: 'DOLIPRANE: 12 boxes (32 days) are over the month',
    line: doliprane,
    packs: () => boxes(12, CIP.dolipraneGelule),
    status: 'blocked',
    codes: ['DELIVERY_CAP_EXCEEDED'],
    expectedBoxes: 11,
  },
  {
    rule: 'R.5132-12 (a smaller pack of the same product fits)',
    name: 'LEVOTHYROX 30 days, a box of 90 given: the box of 30 is named',
    line: levothyrox,
    packs: () => boxes(1, CIP.levothyrox90),
    status: 'blocked',
    codes: ['QUANTITY_EXCEEDS_PRESCRIPTION', 'DELIVERY_CAP_EXCEEDED', 'SMALLER_PACK_DUE'],
  },
  // § Quantities — narcotics (R.5132-30, R.5132-33).
  {
    rule: 'R.5132-33',
    name: 'SKENAN LP 30 mg presented 6 days late: 3 boxes for the 22 remaining days, a warning',
    line: skenan30,
    createdAt: '2026-11-17',
    packs: () => boxes(3, CIP.skenan30x14),
    status: 'matched',
    codes: ['NARCOTIC_PRESENTATION_LATE'],
    expectedBoxes: 3,
  },
  {
    rule: 'R.5132-33 (a box cut to the exact number)',
    name: 'SKENAN LP 30 mg, 6 days late: 3 boxes and one cut to 2 units (44 units, 22 days)',
    line: skenan30,
    createdAt: '2026-11-17',
    packs: () => [...boxes(3, CIP.skenan30x14), { cip13: CIP.skenan30x14, units: 2 }],
    status: 'matched',
    codes: ['NARCOTIC_PRESENTATION_LATE'],
  },
  {
    rule: 'R.5132-33',
    name: 'SKENAN LP 30 mg, 6 days late: a fourth whole box goes beyond the remaining days',
    line: skenan30,
    createdAt: '2026-11-17',
    packs: () => boxes(4, CIP.skenan30x14),
    status: 'blocked',
    codes: ['NARCOTIC_PRESENTATION_LATE', 'DELIVERY_CAP_EXCEEDED'],
    expectedBoxes: 3,
  },
  {
    rule: 'R.5132-30 (stupéfiants are not renewable)',
    name: 'SKENAN LP 30 mg with a renewal written: the renewal is refused',
    line: () => skenan30({ renewals: 1 }),
    createdAt: '2026-10-20',
    prior: [['2026-10-20', 4]],
    date: '2026-11-17',
    packs: () => boxes(4, CIP.skenan30x14),
    status: 'blocked',
    // Presented the day the first delivery runs out (not late); its 28 days also exhaust « 4 semaines ».
    codes: ['RENEWAL_NOT_ALLOWED', 'PRESCRIPTION_LIMIT_EXCEEDED'],
    expectedBoxes: 0,
  },
  // § Quantities — CPD phrases apply to every speciality that carries them, narcotic or not.
  {
    rule: 'R.5132-30 (« délivrance fractionnée de 7 jours »)',
    name: 'SUBUTEX 8 mg 28 days: 7 days at once, the rest in fractions',
    line: subutex,
    packs: () => boxes(1, CIP.subutex8x7),
    status: 'matched',
    codes: [],
    expectedBoxes: 1,
    renewal: { renewalNumber: 0, complement: false },
  },
  {
    rule: 'R.5132-30',
    name: 'SUBUTEX 8 mg: 28 days handed over at once',
    line: subutex,
    packs: () => boxes(4, CIP.subutex8x7),
    status: 'blocked',
    codes: ['DELIVERY_CAP_EXCEEDED'],
    expectedBoxes: 1,
  },
  {
    rule: 'R.5132-30 (« délivrance en une seule fois »)',
    name: 'SUBUTEX 8 mg, the line says « délivrance en une seule fois »: 28 days at once',
    line: () => subutex({ singleDelivery: true }),
    packs: () => boxes(4, CIP.subutex8x7),
    status: 'matched',
    codes: [],
    expectedBoxes: 4,
  },
  {
    rule: 'R.5132-14, RULES.md § Other acts (a fraction keeps the renewal number)',
    name: 'SUBUTEX 8 mg: the second fraction once the first is used up',
    line: subutex,
    createdAt: '2026-11-16',
    prior: [['2026-11-16', 1]],
    packs: () => boxes(1, CIP.subutex8x7),
    status: 'matched',
    codes: [],
    renewal: { renewalNumber: 0, complement: true },
  },
  {
    rule: 'R.5132-14',
    name: 'SUBUTEX 8 mg: the second fraction three days after the first',
    line: subutex,
    createdAt: '2026-11-20',
    prior: [['2026-11-20', 1]],
    packs: () => boxes(1, CIP.subutex8x7),
    status: 'blocked',
    codes: ['RENEWAL_TOO_EARLY'],
  },
  {
    rule: 'R.5132-21, R.5132-22 (« prescription limitée à 4 semaines »)',
    name: 'STILNOX 10 mg 28 days: the first delivery (no other prescription known)',
    line: () => stilnox({ renewals: 1 }),
    packs: () => boxes(2, CIP.stilnox14),
    status: 'matched',
    codes: ['OVERLAP_UNKNOWN'],
    expectedBoxes: 2,
  },
  {
    rule: 'R.5132-21, R.5132-22',
    name: 'STILNOX 10 mg: no second 4-week delivery, whatever the renewals written',
    line: () => stilnox({ renewals: 1 }),
    createdAt: '2026-10-20',
    prior: [['2026-10-20', 2]],
    packs: () => boxes(2, CIP.stilnox14),
    status: 'blocked',
    codes: ['PRESCRIPTION_LIMIT_EXCEEDED', 'OVERLAP_UNKNOWN'],
    expectedBoxes: 0,
  },
  {
    rule: 'R.5132-33 (« chevauchement interdit »)',
    name: 'STILNOX 10 mg while the same prescriber’s previous zolpidem still covers today',
    line: stilnox,
    packs: () => boxes(2, CIP.stilnox14),
    context: () => ({ otherPrescriptions: [zolpidemBefore('99900038441')] }),
    status: 'blocked',
    codes: ['OVERLAP_FORBIDDEN'],
  },
  {
    rule: 'R.5132-33',
    name: 'the same with the prescriber’s express mention on the line',
    line: () => stilnox({ overlapAllowed: true }),
    packs: () => boxes(2, CIP.stilnox14),
    context: () => ({ otherPrescriptions: [zolpidemBefore('99900038441')] }),
    status: 'matched',
    codes: [],
  },
  {
    rule: 'R.5132-33',
    name: 'the same when the previous one is another prescriber’s',
    line: stilnox,
    packs: () => boxes(2, CIP.stilnox14),
    context: () => ({ otherPrescriptions: [zolpidemBefore('10009999999')] }),
    status: 'matched',
    codes: [],
  },
  {
    rule: 'R.5121-82 (« réservé à l’usage hospitalier »)',
    name: 'ANGUSTA 25 µg at the counter',
    line: () => line({ product: { cis: '60213914' }, posology: perDay(1), quantity: { boxes: 1 } }),
    packs: () => boxes(1, CIP.angusta8),
    status: 'blocked',
    codes: ['HOSPITAL_ONLY'],
  },
  // § Substitution — a DC line names a form; Comptoir's own tolerance for a form every answer has.
  {
    rule: 'R.5125-55, L.5121-1 5° a) (FORM_IMPLIED: Comptoir’s tolerance)',
    name: '« PANTOPRAZOLE 40 mg comprimé » answered by a gastro-résistant tablet',
    line: pantoprazoleDc,
    packs: () => boxes(1, CIP.pantoprazoleViatris28),
    status: 'matched',
    codes: ['FORM_IMPLIED'],
    expectedBoxes: 1,
  },
  // § Other acts — renewal numbers and the exceptional supplementary dispensation.
  {
    rule: 'RULES.md § Other acts (a complement keeps its number)',
    name: 'LEVOTHYROX 2 boxes a delivery, the second box of the first delivery',
    line: () => levothyrox({ quantity: { boxes: 2 }, durationDays: 60, renewals: 2 }),
    createdAt: '2026-11-01',
    prior: [['2026-11-01', 1]],
    date: '2026-12-01',
    packs: () => boxes(1, CIP.levothyrox30),
    status: 'matched',
    codes: ['LARGE_PACK_DUE'],
    renewal: { renewalNumber: 0, complement: true },
  },
  {
    rule: 'RULES.md § Other acts',
    name: 'LEVOTHYROX: a delivery that starts the next period is the next renewal',
    line: () => levothyrox({ renewals: 2 }),
    createdAt: '2026-10-01',
    prior: [['2026-10-01', 1]],
    date: '2026-10-31',
    packs: () => boxes(1, CIP.levothyrox30),
    status: 'matched',
    codes: [],
    renewal: { renewalNumber: 1, complement: false },
  },
  {
    rule: 'R.5123-2-1 (all four deliveries made, day 125)',
    name: 'LEVOTHYROX 30 days × 4 without the act: nothing is due',
    line: () => levothyrox({ renewals: 3 }),
    createdAt: '2026-07-21',
    prior: fourMonths,
    packs: () => boxes(1, CIP.levothyrox30),
    status: 'over',
    codes: ['QUANTITY_EXCEEDS_PRESCRIPTION'],
    expectedBoxes: 0,
  },
  {
    rule: 'R.5123-2-1',
    name: 'LEVOTHYROX 30 days × 4 with the exceptional dispensation: one month opens',
    line: () => levothyrox({ renewals: 3 }),
    createdAt: '2026-07-21',
    prior: fourMonths,
    packs: () => boxes(1, CIP.levothyrox30),
    context: (lineId) => ({ acts: { [lineId]: { exceptionalDays: 30 } } }),
    status: 'matched',
    codes: [],
    expectedBoxes: 1,
    renewal: { renewalNumber: 4, complement: false, exceptional: true },
  },
  // § Conditional dispensation — the arrêtés name the salt (« fosfomycine trométamol »), which BDPM gives
  // behind the fraction thérapeutique FOSFOMYCINE.
  {
    rule: 'arrêté of Nov 2023 (BU cystite)',
    name: 'FOSFOMYCINE BIOGARAN 3 g after a positive BU: an allowed molecule, deliverable',
    line: fosfomycine,
    packs: () => boxes(1, CIP.fosfomycine),
    context: (lineId) => ({
      acts: {
        [lineId]: {
          conditional: { test: 'bu-cystite', result: 'positive', performedAt: '2026-11-20T10:00:00+01:00' },
        },
      },
    }),
    status: 'matched',
    codes: [],
    expectedBoxes: 1,
  },
];

function zolpidemBefore(prescriberRpps: string) {
  return {
    prescriptionId: '202611100900000001',
    createdAt: '2026-11-10',
    prescriberRpps,
    lines: [{ moieties: ['zolpidem'], treatmentEnd: '2026-12-08' }],
  };
}

describe('RULES.md on real BDPM rows', () => {
  it.each(CASES.map((c) => [c.rule, c.name, c] as const))('%s — %s', async (_, __, c) => {
    const l = c.line();
    const executions = (c.prior ?? []).map(([date, n], i) => execution(date, { [l.lineId]: n }, i + 1));
    const p = prescription([l], {
      createdAt: c.createdAt ?? '2026-11-20',
      executions,
      specialty: c.specialty,
    });
    const packs = c.packs(l.product.cip13 ?? '').map((spec) => ({ ...spec, lineId: l.lineId }));
    const r = await reconcilePacks(referential, p, packs, {
      date: c.date ?? '2026-11-23',
      context: c.context?.(l.lineId),
    });
    const rec = r.lines[l.lineId];
    expect(rec.issues.map((i) => i.code)).toEqual(c.codes);
    expect(rec.status).toBe(c.status);
    if (c.expectedBoxes !== undefined) expect(rec.expectedBoxes).toBe(c.expectedBoxes);
    if (c.renewal) expect(rec.delivery).toEqual(c.renewal);
  });

  it('says the remaining days and units of a late narcotic, and the smaller pack by its CIP13', async () => {
    const l = skenan30();
    const p = prescription([l], { createdAt: '2026-11-17' });
    const r = await reconcilePacks(referential, p, [{ cip13: CIP.skenan30x14, lineId: l.lineId }]);
    expect(r.lines[l.lineId].issues[0]).toMatchObject({
      code: 'NARCOTIC_PRESENTATION_LATE',
      severity: 'warning',
      details: { deadline: '2026-11-20', deliverableDays: 22, deliverableUnits: 44, rule: 'R.5132-33' },
      message: expect.stringContaining('22 jours restants'),
    });
    const lv = levothyrox();
    const big = await reconcilePacks(referential, prescription([lv]), [
      { cip13: CIP.levothyrox90, lineId: lv.lineId },
    ]);
    expect(big.lines[lv.lineId].issues.find((i) => i.code === 'SMALLER_PACK_DUE')).toMatchObject({
      severity: 'warning',
      details: { cip13: CIP.levothyrox30 },
    });
  });

  it('the expected boxes of a line never raise an issue of their own (RULES.md § Quantities)', async () => {
    for (const c of CASES.filter((x) => x.expectedBoxes)) {
      const l = c.line();
      const executions = (c.prior ?? []).map(([date, n], i) => execution(date, { [l.lineId]: n }, i + 1));
      const p = prescription([l], {
        createdAt: c.createdAt ?? '2026-11-20',
        executions,
        specialty: c.specialty,
      });
      const first = (await reconcilePacks(referential, p, [], { date: c.date ?? '2026-11-23' })).lines[
        l.lineId
      ];
      const cip13 = c.packs('')[0].cip13!;
      const packs = Array.from({ length: first.expectedBoxes! }, () => ({ cip13, lineId: l.lineId }));
      const r = await reconcilePacks(referential, p, packs, {
        date: c.date ?? '2026-11-23',
        context: c.context?.(l.lineId),
      });
      const blocking = r.lines[l.lineId].issues.filter((i) => i.severity === 'blocking').map((i) => i.code);
      expect([c.name, blocking]).toEqual([c.name, []]);
    }
  });
});
