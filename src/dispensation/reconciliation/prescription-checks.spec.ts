import {
  CIP,
  execution,
  line,
  PackSpec,
  prescription,
  reconcilePacks,
} from '../../../test/factories/dispensation.factory';
import { subsetReferential, SubsetReferential } from '../../../test/support/subset-referential';
import type { PrescriptionLineView, PrescriptionView } from '../../prescription/prescription.view';
import { coveredUntil } from './treatment';

let referential: SubsetReferential;
beforeAll(async () => {
  referential = await subsetReferential();
});

const antarene = (extra: Partial<PrescriptionLineView> = {}) =>
  line({
    product: { cis: '64684319', cip13: CIP.antarene30 },
    posology: { text: '1 par jour', unitsPerDay: 1 },
    quantity: { boxes: 1 },
    durationDays: 30,
    ...extra,
  });
const doliprane = () =>
  line({ product: { cis: '69309629' }, posology: { text: 'si douleur' }, quantity: { boxes: 1 } });
const levothyrox = () =>
  line({
    product: { cis: '68416845', cip13: CIP.levothyrox30 },
    posology: { text: '1 le matin', unitsPerDay: 1 },
    quantity: { boxes: 1 },
    durationDays: 30,
    renewals: 2,
  });
const skenan = () =>
  line({
    product: { cis: '61227030', cip13: CIP.skenan14 },
    posology: { text: '1 matin et soir', unitsPerDay: 2 },
    quantity: { boxes: 2 },
    durationDays: 14,
  });
const leeloo = (boxes: number) =>
  line({
    product: { cis: '66819566', cip13: CIP.leeloo63 },
    posology: { text: '1 par jour 21 jours sur 28', unitsPerDay: 0.75 },
    quantity: { boxes },
    durationDays: 84 * boxes,
  });

interface Case {
  name: string;
  line: () => PrescriptionLineView;
  createdAt: string;
  date: string;
  packs?: PackSpec[];
  prior?: [string, number][];
  status: string;
  codes: string[];
}

const CASES: Case[] = [
  // R.5132-22: first delivery of a liste I/II product within three months of the prescription date.
  {
    name: 'liste II, first delivery on the last day of the 3 months',
    line: antarene,
    createdAt: '2026-08-23',
    date: '2026-11-23',
    status: 'matched',
    codes: [],
  },
  {
    name: 'liste II, first delivery the day after',
    line: antarene,
    createdAt: '2026-08-22',
    date: '2026-11-23',
    status: 'blocked',
    codes: ['PRESCRIPTION_EXPIRED'],
  },
  {
    name: 'unlisted product after 3 months',
    line: doliprane,
    createdAt: '2026-08-01',
    date: '2026-11-23',
    packs: [{ cip13: CIP.dolipraneGelule }],
    status: 'matched',
    codes: [],
  },
  {
    name: 'liste II renewal after 3 months (not a first delivery)',
    line: () => antarene({ renewals: 5 }),
    createdAt: '2026-07-01',
    date: '2026-11-23',
    prior: [['2026-10-20', 1]],
    status: 'matched',
    codes: [],
  },
  // R.5132-21: twelve months of treatment at most.
  {
    name: 'any product more than 12 months after the prescription',
    line: doliprane,
    createdAt: '2025-11-22',
    date: '2026-11-23',
    packs: [{ cip13: CIP.dolipraneGelule }],
    status: 'blocked',
    codes: ['PRESCRIPTION_EXPIRED'],
  },
  // R.5132-14: a renewal no earlier than the quantities delivered imply.
  {
    name: 'renewal before the 30 days delivered run out',
    line: levothyrox,
    createdAt: '2026-10-01',
    date: '2026-10-30',
    prior: [['2026-10-01', 1]],
    status: 'blocked',
    codes: ['RENEWAL_TOO_EARLY'],
  },
  {
    name: 'renewal the day they run out',
    line: levothyrox,
    createdAt: '2026-10-01',
    date: '2026-10-31',
    prior: [['2026-10-01', 1]],
    status: 'matched',
    codes: [],
  },
  {
    name: 'complement of a partial delivery is not a renewal',
    line: () =>
      antarene({ quantity: { boxes: 2 }, durationDays: 30, posology: { text: '2/j', unitsPerDay: 2 } }),
    createdAt: '2026-11-01',
    date: '2026-11-03',
    prior: [['2026-11-01', 1]],
    status: 'matched',
    codes: [],
  },
  // R.5132-12: two months prescribed go one month at a time; the second month is not due before the first ends.
  {
    name: 'the second month of a 60-day liste II line, two days after the first',
    line: () =>
      antarene({ quantity: { boxes: 2 }, durationDays: 60, posology: { text: '1/j', unitsPerDay: 1 } }),
    createdAt: '2026-11-01',
    date: '2026-11-03',
    prior: [['2026-11-01', 1]],
    status: 'blocked',
    codes: ['RENEWAL_TOO_EARLY'],
  },
  {
    name: 'the second month of a 60-day liste II line, once the first ends',
    line: () =>
      antarene({ quantity: { boxes: 2 }, durationDays: 60, posology: { text: '1/j', unitsPerDay: 1 } }),
    createdAt: '2026-11-01',
    date: '2026-12-01',
    prior: [['2026-11-01', 1]],
    status: 'matched',
    codes: [],
  },
  // R.5132-12: a month per delivery; 12 weeks of contraceptives; 3 months of quarter packs.
  {
    name: 'liste II, two months in one delivery',
    line: () => antarene({ quantity: { boxes: 2 }, durationDays: 60 }),
    createdAt: '2026-11-20',
    date: '2026-11-23',
    packs: [{ cip13: CIP.antarene30, quantity: 2 }],
    status: 'blocked',
    codes: ['DELIVERY_CAP_EXCEEDED'],
  },
  {
    name: 'contraceptive, 12 weeks in one box',
    line: () => leeloo(1),
    createdAt: '2026-11-20',
    date: '2026-11-23',
    status: 'matched',
    codes: [],
  },
  {
    name: 'contraceptive, 24 weeks at once',
    line: () => leeloo(2),
    createdAt: '2026-11-20',
    date: '2026-11-23',
    packs: [{ cip13: CIP.leeloo63, quantity: 2 }],
    status: 'blocked',
    codes: ['DELIVERY_CAP_EXCEEDED'],
  },
  // R.5132-33: a narcotic presented more than 3 days after its date (the day itself not counted).
  {
    name: 'narcotic presented on the 3rd day',
    line: skenan,
    createdAt: '2026-11-20',
    date: '2026-11-23',
    packs: [{ cip13: CIP.skenan14, quantity: 2 }],
    status: 'matched',
    codes: [],
  },
  // Within the remaining days a late narcotic is a warning; what goes beyond them is DELIVERY_CAP_EXCEEDED.
  {
    name: 'narcotic presented on the 4th day: the remaining 10 days only, 28 units given',
    line: skenan,
    createdAt: '2026-11-20',
    date: '2026-11-24',
    packs: [{ cip13: CIP.skenan14, quantity: 2 }],
    status: 'blocked',
    codes: ['NARCOTIC_PRESENTATION_LATE', 'DELIVERY_CAP_EXCEEDED'],
  },
  {
    name: 'narcotic presented on the 4th day: one box and one cut to 6 units (20 units, 10 days)',
    line: skenan,
    createdAt: '2026-11-20',
    date: '2026-11-24',
    packs: [{ cip13: CIP.skenan14 }, { cip13: CIP.skenan14, units: 6 }],
    status: 'matched',
    codes: ['NARCOTIC_PRESENTATION_LATE'],
  },
  {
    name: 'narcotic presented on the 9th day with the full quantity',
    line: skenan,
    createdAt: '2026-11-20',
    date: '2026-11-29',
    packs: [{ cip13: CIP.skenan14, quantity: 2 }],
    status: 'blocked',
    codes: ['NARCOTIC_PRESENTATION_LATE', 'DELIVERY_CAP_EXCEEDED'],
  },
  {
    name: 'next fraction within 3 days of the end of the previous one',
    line: skenan,
    createdAt: '2026-11-20',
    date: '2026-11-30',
    prior: [['2026-11-20', 1]],
    status: 'matched',
    codes: [],
  },
  {
    name: 'next fraction 4 days after the end of the previous one: 3 days are left, a box is 7',
    line: skenan,
    createdAt: '2026-11-20',
    date: '2026-12-01',
    prior: [['2026-11-20', 1]],
    status: 'blocked',
    codes: ['NARCOTIC_PRESENTATION_LATE', 'DELIVERY_CAP_EXCEEDED'],
  },
  // R.5132-30: 28 days of a narcotic at most.
  {
    name: 'narcotic, 42 days in one delivery',
    line: () =>
      line({
        ...skenan(),
        product: { cis: '64288864', cip13: CIP.actiskenan14 },
        posology: { text: '1/j', unitsPerDay: 1 },
        quantity: { boxes: 3 },
        durationDays: 42,
      }),
    createdAt: '2026-11-20',
    date: '2026-11-23',
    packs: [{ cip13: CIP.actiskenan14, quantity: 3 }],
    status: 'blocked',
    codes: ['DELIVERY_CAP_EXCEEDED'],
  },
];

function withPrior(l: PrescriptionLineView, c: Case): PrescriptionView {
  const executions = (c.prior ?? []).map(([date, boxes], i) => execution(date, { [l.lineId]: boxes }, i + 1));
  return prescription([l], { createdAt: c.createdAt, executions });
}

describe('prescription checks on real products', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const l = c.line();
    const packs = c.packs ?? [{ cip13: l.product.cip13 }];
    const r = (await reconcilePacks(referential, withPrior(l, c), packs, { date: c.date })).lines[l.lineId];
    expect(r.issues.map((i) => i.code)).toEqual(c.codes);
    expect(r.status).toBe(c.status);
  });

  it('gives the dates and the rule in the details', async () => {
    const l = levothyrox();
    const c = CASES.find((x) => x.name.startsWith('renewal before'))!;
    const r = (
      await reconcilePacks(referential, withPrior(l, c), [{ cip13: CIP.levothyrox30 }], { date: c.date })
    ).lines[l.lineId];
    expect(r.issues[0]).toMatchObject({
      severity: 'blocking',
      details: { earliest: '2026-10-31', rule: 'R.5132-14' },
    });
  });

  it('says how many days of a late narcotic may still be delivered', async () => {
    const l = skenan();
    const p = prescription([l], { createdAt: '2026-11-20' });
    const r = await reconcilePacks(referential, p, [{ cip13: CIP.skenan14 }], { date: '2026-11-29' });
    // 5 days are 10 units: no whole box of 14 fits, one cut to 10 does.
    expect(r.lines[l.lineId]).toMatchObject({ status: 'blocked', expectedBoxes: 0, dispensedBoxes: 1 });
    expect(r.lines[l.lineId].issues[0]).toMatchObject({
      severity: 'warning',
      details: { deadline: '2026-11-23', rule: 'R.5132-33', deliverableDays: 5, deliverableUnits: 10 },
    });
  });

  it('chains deliveries: each starts when made or when the previous one runs out', () => {
    const deliveries = [
      { date: '2026-01-01', boxes: 1 },
      { date: '2026-01-20', boxes: 1 },
      { date: '2026-03-15', boxes: 1 },
    ];
    expect(coveredUntil(deliveries, 30)).toBe('2026-04-14');
  });
});
