import type { ProfessionalRole } from '../../prescription/teleservice/teleservice.types';
import { issue, Issue } from '../issue';
import {
  canOverride,
  evaluateValidation,
  isLineAddressed,
  LineForValidation,
  needsPrescriberAgreement,
} from './validation.rules';

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
const blocking = issue('PACK_EXPIRED', { expiry: '2026-01-31' });

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
    [
      'a warning only',
      [line({ packs: 1, issues: [issue('PRODUCT_NOT_IN_REFERENTIAL', { cip13: '3400930000007' })] })],
      [],
      [],
    ],
    [
      'a blocking dispensation issue',
      [line({ packs: 1 })],
      [issue('PATIENT_MISMATCH', { source: 'card' })],
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
    ['preparateur', issue('CONDITION_NOT_MET', { reason: 'no-result' }), 'FORBIDDEN'],
    ['pharmacien', issue('LINE_NOT_ADDRESSED', { lineId: '1' }), 'NOT_OVERRIDABLE'],
    ['pharmacien', issue('PARTIAL_DELIVERY', { remainingBoxes: 1 }), 'NOT_OVERRIDABLE'],
    // Confirmed by the pharmacist, never overridden (API.md).
    ['pharmacien', issue('SECURE_PRESCRIPTION_REQUIRED', { product: 'STILNOX' }), 'NOT_OVERRIDABLE'],
    [
      'pharmacien',
      issue('TRANSCRIPTION_DIFFERS', { differences: ['1.quantity.boxes: 2 ≠ 3'] }),
      'NOT_OVERRIDABLE',
    ],
    // Cleared by the LGO giving the price; the teleservice's verdict is lifted only by an exceptional act.
    ['pharmacien', issue('PRICE_UNKNOWN', { product: 'Lancettes' }), 'NOT_OVERRIDABLE'],
    [
      'pharmacien',
      issue('PRESCRIPTION_FULLY_EXECUTED', { source: 'teleservice', deliveries: [] }),
      'NOT_OVERRIDABLE',
    ],
    ['pharmacien', issue('PRESCRIPTION_EXPIRED', { lastDay: '2026-01-01', rule: 'R.5132-21' }), true],
  ])('%s overriding %j → %p', (role, target, expected) => {
    const d = canOverride(role, target);
    expect(d.ok ? true : d.code).toBe(expected);
  });

  it.each([
    ['PRODUCT_MISMATCH', true],
    ['NS_SUBSTITUTION_FORBIDDEN', true],
    ['QUANTITY_EXCEEDS_PRESCRIPTION', true],
    ['DELIVERY_CAP_EXCEEDED', true],
    ['PACK_EXPIRED', false],
    ['PATIENT_MISMATCH', false],
  ])("an intervention overriding %s needs the prescriber's agreement: %p", (code, needed) => {
    expect(needsPrescriberAgreement(code)).toBe(needed);
  });
});
