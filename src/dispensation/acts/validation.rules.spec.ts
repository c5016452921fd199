import type { ProfessionalRole } from '../../prescription/teleservice/teleservice.types';
import { issue, Issue } from '../issue';
import { canOverride, evaluateValidation, isLineAddressed, LineForValidation } from './validation.rules';

const line = (over: Partial<LineForValidation> = {}): LineForValidation => ({
  lineId: '1',
  packs: 0,
  manualDeliveries: 0,
  interventions: 0,
  nonDelivery: false,
  issues: [],
  ...over,
});
const overridden = (i: Issue): Issue => ({
  ...i,
  overridden: { by: '10001234567', reason: 'vu', at: '2026-11-20T10:00:00+01:00' },
});
const blocking = issue('PACK_EXPIRED', 'expired');

describe('validation rules', () => {
  it.each<[string, Partial<LineForValidation>, boolean]>([
    ['nothing on it', {}, false],
    ['a pack', { packs: 1 }, true],
    ['a manual delivery', { manualDeliveries: 1 }, true],
    ['a non-delivery', { nonDelivery: true }, true],
    ['an intervention explaining the difference', { interventions: 1 }, true],
  ])('a line with %s is addressed: %p', (_, over, ok) => {
    expect(isLineAddressed(line(over))).toBe(ok);
  });

  it.each<[string, LineForValidation[], Issue[], string[]]>([
    ['all addressed, no issue', [line({ packs: 1 }), line({ lineId: '2', nonDelivery: true })], [], []],
    ['a line not addressed', [line({ packs: 1 }), line({ lineId: '2' })], [], ['LINE_NOT_ADDRESSED']],
    ['a blocking line issue', [line({ packs: 1, issues: [blocking] })], [], ['PACK_EXPIRED']],
    ['an overridden blocking issue', [line({ packs: 1, issues: [overridden(blocking)] })], [], []],
    ['a warning only', [line({ packs: 1, issues: [issue('PRODUCT_NOT_IN_REFERENTIAL', 'x')] })], [], []],
    [
      'a blocking dispensation issue',
      [line({ packs: 1 })],
      [issue('PATIENT_MISMATCH', 'x')],
      ['PATIENT_MISMATCH'],
    ],
  ])('%s → %j', (_, lines, dispIssues, codes) => {
    const d = evaluateValidation(lines, dispIssues);
    expect(d.ok ? [] : d.issues.map((i) => i.code)).toEqual(codes);
    expect(d.ok).toBe(codes.length === 0);
  });

  it('names the line that is not addressed', () => {
    expect(evaluateValidation([line({ lineId: '3' })], [])).toMatchObject({
      ok: false,
      issues: [{ code: 'LINE_NOT_ADDRESSED', severity: 'blocking', details: { lineId: '3' } }],
    });
  });

  it.each<[ProfessionalRole, Pick<Issue, 'code' | 'severity'>, boolean | string]>([
    ['pharmacien', blocking, true],
    ['preparateur', blocking, 'FORBIDDEN'],
    ['preparateur', issue('CONDITION_NOT_MET', 'x'), 'FORBIDDEN'],
    ['pharmacien', issue('LINE_NOT_ADDRESSED', 'x'), 'NOT_OVERRIDABLE'],
    ['pharmacien', issue('PARTIAL_DELIVERY', 'x'), 'NOT_OVERRIDABLE'],
  ])('%s overriding %j → %p', (role, target, expected) => {
    const d = canOverride(role, target);
    expect(d.ok ? true : d.code).toBe(expected);
  });
});
