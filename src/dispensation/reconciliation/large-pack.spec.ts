import {
  CIP,
  execution,
  line,
  prescription,
  reconcilePacks,
} from '../../../test/factories/dispensation.factory';
import { subsetReferential, SubsetReferential } from '../../../test/support/subset-referential';
import type { PrescriptionLineView } from '../../prescription/prescription.view';

describe('large packs (L.5125-23) on real LEVOTHYROX 100 boxes', () => {
  let referential: SubsetReferential;
  beforeAll(async () => {
    referential = await subsetReferential();
  });
  // 30 days renewable twice: a 90-day treatment, renewals included.
  const levothyrox = (extra: Partial<PrescriptionLineView> = {}) =>
    line({
      product: { cis: '68416845', cip13: CIP.levothyrox30 },
      posology: { text: '1 le matin', unitsPerDay: 1 },
      quantity: { boxes: 1 },
      durationDays: 30,
      renewals: 2,
      ...extra,
    });

  it('takes the box of 90 for the whole quarter at once', async () => {
    const lv = levothyrox();
    const r = (await reconcilePacks(referential, prescription([lv]), [{ cip13: CIP.levothyrox90 }])).lines[
      lv.lineId
    ];
    expect(r).toMatchObject({
      status: 'matched',
      expectedBoxes: 1,
      dispensedBoxes: 1,
      remainingBoxes: 0,
      issues: [],
    });
  });

  it('says the box of 90 is due when a box of 30 is given', async () => {
    const lv = levothyrox();
    const r = (await reconcilePacks(referential, prescription([lv]), [{ cip13: CIP.levothyrox30 }])).lines[
      lv.lineId
    ];
    expect(r.status).toBe('matched');
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'LARGE_PACK_DUE',
        severity: 'info',
        details: {
          cip13: CIP.levothyrox90,
          label: 'plaquette(s) PVC aluminium de 90 comprimé(s)',
          treatmentDays: 90,
        },
      }),
    ]);
  });

  it('refuses three boxes of 30 at once: over the delivery and over the month', async () => {
    const lv = levothyrox();
    const r = (
      await reconcilePacks(referential, prescription([lv]), [{ cip13: CIP.levothyrox30, quantity: 3 }])
    ).lines[lv.lineId];
    expect(r.status).toBe('blocked');
    expect(r.issues.map((i) => i.code).sort()).toEqual([
      'DELIVERY_CAP_EXCEEDED',
      'LARGE_PACK_DUE',
      'QUANTITY_EXCEEDS_PRESCRIPTION',
    ]);
  });

  it('does not ask for the large pack when less than a quarter remains', async () => {
    const lv = levothyrox();
    const p = prescription([lv], {
      createdAt: '2026-09-01',
      executions: [
        execution('2026-09-01', { [lv.lineId]: 1 }),
        execution('2026-10-01', { [lv.lineId]: 1 }, 2),
      ],
    });
    const r = (await reconcilePacks(referential, p, [{ cip13: CIP.levothyrox30 }], { date: '2026-10-31' }))
      .lines[lv.lineId];
    expect(r).toMatchObject({ status: 'matched', issues: [] });
  });
});
