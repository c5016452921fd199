import type { PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import { evaluateExceptional, ExceptionalInput } from './exceptional.rules';

const line = (durationDays: number, renewals: number): PrescriptionLine => ({
  lineId: '1',
  kind: 'medication',
  product: { cis: '60234100' },
  posology: { text: '1 comprimé le soir' },
  durationDays,
  renewals,
});
// 28 days × 3 deliveries from 1 Sept 2026: the prescription covers until 23 Nov 2026.
const base: ExceptionalInput = {
  line: line(28, 2),
  prescriptionDate: '2026-09-01',
  today: '2026-11-24',
  previous: [],
  requestedDurationDays: 28,
};

describe('exceptional supplementary dispensation (R.5123-2-1)', () => {
  it.each<[string, Partial<ExceptionalInput>, string | number]>([
    ['the day after expiry', {}, 62],
    ['the last day of the month after expiry', { today: '2026-12-23' }, 62],
    ['a day too late for the first one', { today: '2026-12-24' }, 'EXCEPTIONAL_TOO_LATE'],
    ['on the expiry day', { today: '2026-11-23' }, 'EXCEPTIONAL_NOT_EXPIRED'],
    ['a treatment under 3 months', { line: line(28, 1) }, 'EXCEPTIONAL_NOT_CHRONIC'],
    ['a narcotic', { narcotic: true }, 'EXCEPTIONAL_NOT_ALLOWED'],
    ['more than a month at once', { requestedDurationDays: 31 }, 'EXCEPTIONAL_DURATION_EXCEEDED'],
    [
      'the expiry date the teleservice gives',
      { expiresOn: '2026-11-30', today: '2026-11-30' },
      'EXCEPTIONAL_NOT_EXPIRED',
    ],
    [
      'a second month, later than a month after expiry',
      { previous: [{ date: '2026-11-24', durationDays: 28 }], today: '2026-12-29' },
      34,
    ],
    [
      'a third month filling 3 months',
      {
        previous: [
          { date: '2026-11-24', durationDays: 30 },
          { date: '2026-12-24', durationDays: 30 },
        ],
        requestedDurationDays: 30,
      },
      0,
    ],
    [
      'a fourth delivery',
      { previous: [1, 2, 3].map(() => ({ date: '2026-11-24', durationDays: 28 })) },
      'EXCEPTIONAL_DURATION_EXCEEDED',
    ],
  ])('%s → %p', (_, over, expected) => {
    const d = evaluateExceptional({ ...base, ...over });
    if (typeof expected === 'number') {
      expect(d).toEqual({
        ok: true,
        mention: 'dispensation supplémentaire exceptionnelle',
        remainingDays: expected,
      });
    } else expect(d).toMatchObject({ ok: false, code: expected });
  });
});
