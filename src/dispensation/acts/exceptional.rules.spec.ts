import { subsetReferential } from '../../../test/support/subset-referential';
import type { PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import { evaluateExceptional, ExceptionalInput } from './exceptional.rules';
import { exceptionalExclusion } from './renewal-act';

const line = (durationDays: number, renewals: number): PrescriptionLine => ({
  lineId: '1',
  kind: 'medication',
  product: { cis: '68416845' },
  posology: { text: '1 comprimé le matin', unitsPerDay: 1 },
  durationDays,
  renewals,
});

// 28 days × 3 deliveries from 1 Sept 2026: the treatment ends on 24 Nov 2026 (the first day not covered).
const base: ExceptionalInput = {
  line: line(28, 2),
  prescriptionDate: '2026-09-01',
  today: '2026-11-24',
  previous: [],
  requestedDurationDays: 28,
};

describe('exceptional supplementary dispensation (R.5123-2-1)', () => {
  it.each<[string, Partial<ExceptionalInput>, string | number]>([
    ['the day the treatment ends', {}, 62],
    ['the last day of the month after', { today: '2026-12-23' }, 62],
    ['a day too late for the first one', { today: '2026-12-24' }, 'EXCEPTIONAL_TOO_LATE'],
    ['the last day the prescription covers', { today: '2026-11-23' }, 'EXCEPTIONAL_NOT_EXPIRED'],
    ['a treatment under 3 months', { line: line(28, 1) }, 'EXCEPTIONAL_NOT_CHRONIC'],
    ['a product under narcotic rules', { excluded: 'narcotic-rules' }, 'EXCEPTIONAL_NOT_ALLOWED'],
    ['a product whose duration is limited', { excluded: 'limited-duration' }, 'EXCEPTIONAL_NOT_ALLOWED'],
    ['more than a month at once', { requestedDurationDays: 31 }, 'EXCEPTIONAL_DURATION_EXCEEDED'],
    [
      // LEVOTHYROX 100 µg, 30 days and 3 renewals, all four delivered: seen on day 125, five days after the
      // treatment's end (day 120) — not the teleservice's record expiry, 12 months later.
      'LEVOTHYROX 30 days × 4, day 125',
      { line: line(30, 3), prescriptionDate: '2026-01-01', today: '2026-05-06', requestedDurationDays: 30 },
      60,
    ],
    [
      'a second month, later than a month after the end',
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
      expect(d).toMatchObject({
        ok: true,
        mention: 'dispensation supplémentaire exceptionnelle',
        remainingDays: expected,
      });
    } else expect(d).toMatchObject({ ok: false, code: expected });
  });

  // Real CPD rows: narcotics, « assimilés » and limited durations are excluded, LEVOTHYROX is not.
  it.each([
    ['68416845', 'LEVOTHYROX 100 µg', undefined],
    ['69666321', 'SKENAN L.P. 30 mg (stupéfiants)', 'narcotic-rules'],
    ['68945058', 'SUBUTEX 8 mg (ordonnance sécurisée, délivrance fractionnée)', 'narcotic-rules'],
    ['63179285', 'STILNOX 10 mg (ordonnance sécurisée, 4 semaines)', 'narcotic-rules'],
    ['66649523', 'REQUIP 1 mg (liste I)', undefined],
  ])('%s %s → %p', async (cis, _, expected) => {
    const s = (await (await subsetReferential()).findSpeciality(cis))!;
    expect(exceptionalExclusion([s])).toBe(expected);
  });
});
