import {
  CIP,
  execution,
  line,
  prescription,
  reconcilePacks,
} from '../../../test/factories/dispensation.factory';
import { subsetReferential, SubsetReferential } from '../../../test/support/subset-referential';
import type { PrescriptionLineView } from '../../prescription/prescription.view';

// API.md § Prescriptions and RULES.md: the teleservice's status on every line from the scan; an exceptional
// act lifts it on its line; degraded mode asks for secure paper; every delivered product carries a price.

let referential: SubsetReferential;
beforeAll(async () => {
  referential = await subsetReferential();
});

const perDay = (n: number) => ({ text: `${n} par jour`, unitsPerDay: n });
const levothyrox = (lineId: string, extra: Partial<PrescriptionLineView> = {}) =>
  line({
    lineId,
    product: { cis: '68416845', cip13: CIP.levothyrox30 },
    posology: perDay(1),
    quantity: { boxes: 1 },
    durationDays: 30,
    renewals: 2,
    ...extra,
  });
const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);
const elsewhere = { finess: '990000029', name: 'Pharmacie de la Gare' };

describe('the prescription’s status on its lines', () => {
  // The line views as toPrescriptionView makes them: each line's delivery elsewhere, with its date.
  const delivered = { deliveredElsewhere: [{ pharmacy: elsewhere, date: '2026-08-20', quantity: 1 }] };
  const done = (status: 'fully-executed' | 'expired' | 'cancelled') =>
    prescription([levothyrox('1', delivered), levothyrox('2', delivered)], {
      createdAt: '2026-08-20',
      status,
      executions: [{ ...execution('2026-08-20', { 1: 1, 2: 1 }), pharmacy: elsewhere }],
    });

  it.each([
    ['fully-executed', 'PRESCRIPTION_FULLY_EXECUTED'],
    ['expired', 'PRESCRIPTION_EXPIRED'],
    ['cancelled', 'PRESCRIPTION_CANCELLED'],
  ] as const)(
    '%s: %s on every line before anything is scanned, with what was delivered where and when',
    async (status, code) => {
      const r = await reconcilePacks(referential, done(status), []);
      for (const lineId of ['1', '2']) {
        expect(r.lines[lineId].issues).toEqual([
          expect.objectContaining({
            code,
            severity: 'blocking',
            details: expect.objectContaining({
              source: 'teleservice',
              deliveries: ['2026-08-20|1|Pharmacie de la Gare'],
            }),
          }),
        ]);
        expect(r.lines[lineId].status).toBe('pending');
      }
    },
  );

  it('an open or partly executed prescription shows none', async () => {
    for (const status of ['open', 'partially-executed'] as const) {
      const r = await reconcilePacks(referential, { ...done('cancelled'), status }, []);
      expect([codes(r.lines['1']), codes(r.lines['2'])]).toEqual([[], []]);
    }
  });

  it('an exceptional act lifts a fully executed or expired status on its line, and frees the lines delivering nothing', async () => {
    for (const status of ['fully-executed', 'expired'] as const) {
      const r = await reconcilePacks(referential, done(status), [{ cip13: CIP.levothyrox30, lineId: '1' }], {
        date: '2026-11-23',
        context: { acts: { '1': { exceptionalDays: 30 } } },
      });
      expect([r.lines['1'].status, codes(r.lines['1']), codes(r.lines['2'])]).toEqual(['matched', [], []]);
    }
    // A cancelled prescription stays cancelled whatever the act.
    const cancelled = await reconcilePacks(
      referential,
      done('cancelled'),
      [{ cip13: CIP.levothyrox30, lineId: '1' }],
      { context: { acts: { '1': { exceptionalDays: 30 } } } },
    );
    expect(codes(cancelled.lines['1'])).toContain('PRESCRIPTION_CANCELLED');
  });

  it('the teleservice’s expiry replaces Comptoir’s own on the line (one PRESCRIPTION_EXPIRED)', async () => {
    const old = prescription([levothyrox('1', { renewals: 0 })], {
      createdAt: '2025-10-01',
      status: 'expired',
    });
    const r = await reconcilePacks(referential, old, [{ cip13: CIP.levothyrox30 }]);
    expect(r.lines['1'].issues.filter((i) => i.code === 'PRESCRIPTION_EXPIRED')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ source: 'teleservice' }) }),
    ]);
  });
});

describe('prices and secure paper', () => {
  const today = prescription([levothyrox('1', { renewals: 0 })], { createdAt: '2026-11-20' });

  it('PRICE_UNKNOWN on a box without a price or rate; the line keeps its reconciliation status', async () => {
    const r = await reconcilePacks(referential, today, [{ cip13: CIP.levothyrox30, priced: false }]);
    expect([r.lines['1'].status, codes(r.lines['1'])]).toEqual(['matched', ['PRICE_UNKNOWN']]);
    const priced = await reconcilePacks(referential, today, [{ cip13: CIP.levothyrox30, priced: true }]);
    expect(codes(priced.lines['1'])).toEqual([]);
  });

  it('a transcribed line of a product whose CPD asks for an ordonnance sécurisée: SECURE_PRESCRIPTION_REQUIRED until confirmed', async () => {
    const stilnox = prescription(
      [line({ lineId: '1', product: { cis: '63179285' }, posology: perDay(1), durationDays: 28 })],
      { createdAt: '2026-11-20' },
    );
    const transcribed = await reconcilePacks(referential, stilnox, [{ cip13: CIP.stilnox14 }], {
      context: { transcribed: true },
    });
    expect(codes(transcribed.lines['1'])).toContain('SECURE_PRESCRIPTION_REQUIRED');
    const confirmed = await reconcilePacks(referential, stilnox, [{ cip13: CIP.stilnox14 }], {
      context: { transcribed: true, acts: { '1': { securePaperConfirmed: true } } },
    });
    expect(codes(confirmed.lines['1'])).not.toContain('SECURE_PRESCRIPTION_REQUIRED');
    // An ON read from the teleservice meets the requirement (R.5132-5 as amended by décret 2023-1222).
    const retrieved = await reconcilePacks(referential, stilnox, [{ cip13: CIP.stilnox14 }]);
    expect(codes(retrieved.lines['1'])).not.toContain('SECURE_PRESCRIPTION_REQUIRED');
  });
});
