import type { PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import { CorrespondentActKind, evaluateCorrespondentAct } from './correspondent.rules';

const line = (renewal: boolean, posology: boolean): PrescriptionLine => ({
  lineId: '1',
  kind: 'medication',
  product: { cis: '60234100' },
  posology: { text: '1 comprimé le matin' },
  durationDays: 30,
  renewals: 2,
  pharmacistRenewalAuthorized: renewal,
  posologyAdjustmentAuthorized: posology,
});

describe('correspondent pharmacist acts', () => {
  it.each<[CorrespondentActKind, boolean, boolean, string, string | number]>([
    ['correspondent-renewal', true, false, '2026-12-01', 354],
    ['correspondent-renewal', false, true, '2026-12-01', 'RENEWAL_NOT_AUTHORIZED'],
    ['posology-adjustment', false, true, '2026-12-01', 354],
    ['posology-adjustment', true, false, '2026-12-01', 'POSOLOGY_ADJUSTMENT_NOT_AUTHORIZED'],
    ['correspondent-renewal', true, true, '2027-11-19', 1], // last day of the 12 months
    ['correspondent-renewal', true, true, '2027-11-20', 'TREATMENT_CAP_EXCEEDED'],
    ['correspondent-renewal', true, true, '2026-11-19', 'TREATMENT_CAP_EXCEEDED'],
  ])('%s (renewal %p, posology %p) on %s → %p', (kind, r, p, today, expected) => {
    const d = evaluateCorrespondentAct({ kind, line: line(r, p), prescriptionDate: '2026-11-20', today });
    if (typeof expected === 'number')
      expect(d).toEqual({ ok: true, lastDay: '2027-11-19', maxDurationDays: expected });
    else expect(d).toMatchObject({ ok: false, code: expected });
  });

  it('clamps a 29 February prescription to 28 February next year', () => {
    const d = evaluateCorrespondentAct({
      kind: 'correspondent-renewal',
      line: line(true, false),
      prescriptionDate: '2028-02-29',
      today: '2029-02-27',
    });
    expect(d).toEqual({ ok: true, lastDay: '2029-02-27', maxDurationDays: 1 });
  });
});
