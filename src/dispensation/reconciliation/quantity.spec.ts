import { line } from '../../../test/factories/dispensation.factory';
import type { PrescriptionLineView } from '../../prescription/prescription.view';
import { QuantityInput, reconcileQuantity } from './quantity';
import { deliveriesAllowed } from './treatment';

const l = (partial: Partial<PrescriptionLineView>): PrescriptionLineView =>
  line({ product: { cis: '1' }, ...partial });
const boxes2 = l({ quantity: { boxes: 2 } });
const threeADay5Days = l({ posology: { text: '3/j', unitsPerDay: 3 }, durationDays: 5 });
const box8 = (n: number) => Array.from({ length: n }, () => ({ quantity: 1, units: 8 }));
const q = (input: Partial<QuantityInput> & Pick<QuantityInput, 'line'>) =>
  reconcileQuantity({ packs: [], manualQuantity: 0, priorBoxes: 0, ...input });

// [case, input, state, expected, dispensed, remaining]
const CASES: [string, QuantityInput, string, number | null, number, number | null][] = [
  [
    '2 boxes prescribed, none yet',
    { line: boxes2, packs: [], manualQuantity: 0, priorBoxes: 0 },
    'none',
    2,
    0,
    2,
  ],
  [
    '2 boxes prescribed, 1 scanned',
    { line: boxes2, packs: [{ quantity: 1 }], manualQuantity: 0, priorBoxes: 0 },
    'partial',
    2,
    1,
    1,
  ],
  [
    '2 boxes prescribed, 2 scanned',
    { line: boxes2, packs: [{ quantity: 2 }], manualQuantity: 0, priorBoxes: 0 },
    'full',
    2,
    2,
    0,
  ],
  [
    '2 boxes prescribed, 3 scanned',
    { line: boxes2, packs: [{ quantity: 3 }], manualQuantity: 0, priorBoxes: 0 },
    'over',
    2,
    3,
    0,
  ],
  [
    '15 units (3/day × 5 days) in boxes of 8: one box',
    { line: threeADay5Days, packs: box8(1), manualQuantity: 0, priorBoxes: 0 },
    'partial',
    2,
    1,
    1,
  ],
  [
    '15 units, two boxes of 8 (rounded up, not over)',
    { line: threeADay5Days, packs: box8(2), manualQuantity: 0, priorBoxes: 0 },
    'full',
    2,
    2,
    0,
  ],
  [
    '15 units, three boxes of 8 (a whole box too many)',
    { line: threeADay5Days, packs: box8(3), manualQuantity: 0, priorBoxes: 0 },
    'over',
    2,
    3,
    0,
  ],
  [
    '15 units with no pack size known yet',
    { line: threeADay5Days, packs: [], manualQuantity: 0, priorBoxes: 0 },
    'none',
    null,
    0,
    null,
  ],
  [
    '15 units, the reference pack of 8',
    { line: threeADay5Days, referenceUnits: 8, packs: [], manualQuantity: 0, priorBoxes: 0 },
    'none',
    2,
    0,
    2,
  ],
  [
    '20 units in boxes of 14 and 6',
    {
      line: l({ posology: { text: '2/j', unitsPerDay: 2 }, durationDays: 10 }),
      packs: [
        { quantity: 1, units: 14 },
        { quantity: 1, units: 6 },
      ],
      manualQuantity: 0,
      priorBoxes: 0,
    },
    'full',
    2,
    2,
    0,
  ],
  [
    '20 units: 14 + 14 + 6 is a box too many',
    {
      line: l({ posology: { text: '2/j', unitsPerDay: 2 }, durationDays: 10 }),
      packs: [
        { quantity: 2, units: 14 },
        { quantity: 1, units: 6 },
      ],
      manualQuantity: 0,
      priorBoxes: 0,
    },
    'over',
    2,
    3,
    0,
  ],
  [
    'a box of 30 named, two of 15 given',
    {
      line: l({ quantity: { boxes: 1 } }),
      prescribedUnits: 30,
      packs: [{ quantity: 2, units: 15 }],
      manualQuantity: 0,
      priorBoxes: 0,
    },
    'full',
    2,
    2,
    0,
  ],
  [
    'a box of 30 named, one of 90 given',
    {
      line: l({ quantity: { boxes: 1 } }),
      prescribedUnits: 30,
      packs: [{ quantity: 1, units: 90 }],
      manualQuantity: 0,
      priorBoxes: 0,
    },
    'over',
    1,
    1,
    0,
  ],
  [
    'units unreadable on the box: boxes are counted',
    {
      line: l({ quantity: { boxes: 1 }, posology: { text: '1/j', unitsPerDay: 1 }, durationDays: 8 }),
      packs: [{ quantity: 1 }],
      manualQuantity: 0,
      priorBoxes: 0,
    },
    'full',
    1,
    1,
    0,
  ],
  [
    'renewal: 1 box per delivery, 1 delivered before, 2 renewals',
    {
      line: l({ quantity: { boxes: 1 }, renewals: 2 }),
      packs: [{ quantity: 1 }],
      manualQuantity: 0,
      priorBoxes: 1,
    },
    'full',
    1,
    1,
    0,
  ],
  [
    'every delivery done: nothing is due',
    {
      line: l({ quantity: { boxes: 1 }, renewals: 2 }),
      packs: [{ quantity: 1 }],
      manualQuantity: 0,
      priorBoxes: 3,
    },
    'over',
    0,
    1,
    0,
  ],
  [
    'complement of a partial delivery (1 of 2 boxes delivered)',
    { line: boxes2, packs: [{ quantity: 1 }], manualQuantity: 0, priorBoxes: 1 },
    'full',
    1,
    1,
    0,
  ],
  [
    // R.5132-33: 5 days are 10 units, no whole box of 14; two boxes go beyond them (DELIVERY_CAP_EXCEEDED).
    'narcotic late: 5 of 14 days deliverable, two boxes given',
    {
      line: l({ posology: { text: '2/j', unitsPerDay: 2 }, durationDays: 14 }),
      packs: [{ quantity: 2, units: 14 }],
      manualQuantity: 0,
      priorBoxes: 0,
      deliverableDays: 5,
    },
    'full',
    0,
    2,
    0,
  ],
  [
    'narcotic late: a box cut to the 10 units of the remaining 5 days',
    {
      line: l({ posology: { text: '2/j', unitsPerDay: 2 }, durationDays: 14 }),
      packs: [{ quantity: 1, units: 14, cutUnits: 10 }],
      manualQuantity: 0,
      priorBoxes: 0,
      deliverableDays: 5,
    },
    'full',
    0,
    1,
    0,
  ],
  [
    'manual deliveries count in boxes',
    { line: l({ kind: 'magistral', quantity: { boxes: 1 } }), packs: [], manualQuantity: 1, priorBoxes: 0 },
    'full',
    1,
    1,
    0,
  ],
  [
    'no quantity on a device line: not judged',
    { line: l({ kind: 'device' }), packs: [{ quantity: 3 }], manualQuantity: 0, priorBoxes: 0 },
    'full',
    null,
    3,
    null,
  ],
];

// RULES.md § Quantities, the examples it gives: whole boxes inside the cap, never past it.
const listed = { narcotic: false, listed: true, reimbursed: true, contraceptive: false };
const threeADay30Days = l({ posology: { text: '3/j', unitsPerDay: 3 }, durationDays: 30 });
const oneADay30Days = l({ posology: { text: '1/j', unitsPerDay: 1 }, durationDays: 30 });
const packs = (n: number, units: number) => Array.from({ length: n }, () => ({ quantity: 1, units }));
const CAPPED: [string, Partial<QuantityInput> & Pick<QuantityInput, 'line'>, number, string, string[]][] = [
  [
    '3 a day for 30 days in 21-packs: 4 boxes (28 days)',
    { line: threeADay30Days, packs: packs(4, 21) },
    4,
    'full',
    [],
  ],
  ['… a fifth box', { line: threeADay30Days, packs: packs(5, 21) }, 4, 'full', ['cap']],
  [
    '3 a day for 30 days in 60-packs: 1 box (20 days)',
    { line: threeADay30Days, packs: packs(1, 60) },
    1,
    'full',
    [],
  ],
  ['… a second box (40 days)', { line: threeADay30Days, packs: packs(2, 60) }, 1, 'full', ['cap']],
  ['1 a day for 30 days in 28-packs: 1 box', { line: oneADay30Days, packs: packs(1, 28) }, 1, 'full', []],
  ['… a second box', { line: oneADay30Days, packs: packs(2, 28) }, 1, 'full', ['cap']],
];

describe('whole boxes inside the cap of one delivery (R.5132-12, R.5123-2)', () => {
  it.each(CAPPED)('%s', (_, input, expected, state, exceeded) => {
    const r = q({ ...input, rules: listed });
    expect([r.expectedBoxes, r.state, r.exceeded]).toEqual([expected, state, exceeded]);
  });

  it('says the period is done after a capped month: the next delivery is a renewal', () => {
    const renewal = q({
      line: { ...threeADay30Days, renewals: 1 },
      packs: packs(1, 60),
      priorBoxes: 1,
      rules: listed,
    });
    expect([renewal.renewalNumber, renewal.complement, renewal.expectedBoxes]).toEqual([1, false, 1]);
  });
});

describe('quantity of a line for this delivery', () => {
  it.each(CASES)('%s', (_, input, state, expected, dispensed, remaining) => {
    const r = reconcileQuantity(input);
    expect([r.state, r.expectedBoxes, r.dispensedBoxes, r.remainingBoxes]).toEqual([
      state,
      expected,
      dispensed,
      remaining,
    ]);
  });

  it('flags packs whose content cannot be read when the line counts units', () => {
    expect(q({ line: threeADay5Days, packs: [{ quantity: 1 }] }).unitsUnknown).toBe(true);
    expect(q({ line: boxes2, packs: [{ quantity: 1 }] }).unitsUnknown).toBe(false);
  });

  it('caps the treatment at twelve months, renewals included (R.5132-21)', () => {
    expect(deliveriesAllowed(l({ durationDays: 30, renewals: 12 }))).toBe(12);
    expect(deliveriesAllowed(l({ durationDays: 90, renewals: 3 }))).toBe(4);
    expect(deliveriesAllowed(l({ renewals: 5 }))).toBe(6);
  });

  it('tells the days a delivery covers', () => {
    expect(q({ line: threeADay5Days, packs: box8(2) }).coveredDays).toBeCloseTo(16 / 3);
    expect(
      q({ line: l({ quantity: { boxes: 2 }, durationDays: 60 }), packs: [{ quantity: 1 }] }).coveredDays,
    ).toBe(30);
  });
});
