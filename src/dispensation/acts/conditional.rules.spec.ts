import type { ConditionalResult, PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import { evaluateConditional, moleculesAllowed, normaliseSubstance } from './conditional.rules';

const line = (test: 'trod-angine' | 'bu-cystite', validityDays?: number): PrescriptionLine => ({
  lineId: '1',
  kind: 'medication',
  product: { dc: { substance: 'AMOXICILLINE' } },
  posology: { text: '1 g matin et soir pendant 6 jours' },
  conditional: { test, validityDays },
});
const positive = (
  performedAt: string,
  test: ConditionalResult['test'] = 'trod-angine',
): ConditionalResult => ({
  test,
  result: 'positive',
  performedAt,
});
// Prescription of Friday 20 Nov 2026: day 7 is Thursday 26 Nov, day 8 Friday 27 Nov.
const base = {
  prescriptionDate: '2026-11-20',
  substances: ['AMOXICILLINE TRIHYDRATÉE'],
  timeZone: 'Europe/Paris',
};

describe('conditional dispensation: TROD angine window (7 calendar days, day 1 = prescription date)', () => {
  it.each<[string, string, string, string | undefined]>([
    ['test on day 1', '2026-11-20T09:00:00+01:00', '2026-11-20', undefined],
    ['test and delivery on day 7', '2026-11-26T18:00:00+01:00', '2026-11-26', undefined],
    ['day 7 at 23:59 in Paris (22:59Z)', '2026-11-26T22:59:00Z', '2026-11-26', undefined],
    ['day 8 at 00:01 in Paris (23:01Z on day 7)', '2026-11-26T23:01:00Z', '2026-11-27', 'test-out-of-window'],
    ['test on day 8', '2026-11-27T08:00:00+01:00', '2026-11-27', 'test-out-of-window'],
    ['test on day 7, delivery on day 8', '2026-11-26T10:00:00+01:00', '2026-11-27', 'prescription-lapsed'],
    [
      'test the day before the prescription',
      '2026-11-19T10:00:00+01:00',
      '2026-11-20',
      'test-before-prescription',
    ],
  ])('%s', (_, performedAt, today, reason) => {
    const d = evaluateConditional({
      ...base,
      line: line('trod-angine'),
      today,
      result: positive(performedAt),
    });
    if (!reason) expect(d).toEqual({ kind: 'deliverable', lastDay: '2026-11-26', issues: [] });
    else {
      expect(d.kind).toBe('blocked');
      expect(
        d.kind === 'blocked' && d.issues.map((i) => [i.code, i.severity, i.details?.reason]),
      ).toContainEqual(['CONDITION_NOT_MET', 'blocking', reason]);
    }
  });

  it("reads the test's day in the pharmacy's zone, not Paris's (an overseas pharmacy)", () => {
    // 02:00 UTC on 27 Nov is still 26 Nov in Martinique (UTC−4): day 7, deliverable there, not in Paris.
    const at = '2026-11-27T02:00:00Z';
    const input = { ...base, line: line('trod-angine'), result: positive(at) };
    expect(evaluateConditional({ ...input, today: '2026-11-26', timeZone: 'America/Martinique' }).kind).toBe(
      'deliverable',
    );
    expect(evaluateConditional({ ...input, today: '2026-11-27' }).kind).toBe('blocked');
  });

  it('honours a validity the prescriber gave, counted the same way (summer time)', () => {
    const l = line('trod-angine', 3);
    const at = '2026-07-03T21:59:00Z'; // 23:59 in Paris on day 3
    expect(
      evaluateConditional({
        ...base,
        prescriptionDate: '2026-07-01',
        line: l,
        today: '2026-07-03',
        result: positive(at),
      }).kind,
    ).toBe('deliverable');
    expect(
      evaluateConditional({
        ...base,
        prescriptionDate: '2026-07-01',
        line: l,
        today: '2026-07-04',
        result: positive(at),
      }).kind,
    ).toBe('blocked');
  });

  it('blocks without a recorded result', () => {
    expect(evaluateConditional({ ...base, line: line('trod-angine'), today: '2026-11-21' })).toMatchObject({
      kind: 'blocked',
      issues: [{ code: 'CONDITION_NOT_MET', details: { reason: 'no-result' } }],
    });
  });

  it('records a non-delivery on a negative result, and blocks packs scanned anyway', () => {
    const negative: ConditionalResult = {
      test: 'trod-angine',
      result: 'negative',
      performedAt: '2026-11-21T10:00:00+01:00',
    };
    const input = { ...base, line: line('trod-angine'), today: '2026-11-21', result: negative };
    expect(evaluateConditional({ ...input, substances: [] })).toEqual({
      kind: 'not-delivered',
      nonDelivery: { reason: 'condition-not-met' },
      issues: [],
    });
    expect(evaluateConditional(input).issues).toMatchObject([{ details: { reason: 'negative-result' } }]);
  });

  it('ignores a line that is not conditional', () => {
    expect(
      evaluateConditional({
        ...base,
        line: { ...line('trod-angine'), conditional: undefined },
        today: '2026-11-20',
      }),
    ).toEqual({
      kind: 'not-conditional',
      issues: [],
    });
  });
});

describe('conditional dispensation: BU cystite', () => {
  const l = line('bu-cystite');
  const result = positive('2026-11-20T10:00:00+01:00', 'bu-cystite');
  const input = {
    prescriptionDate: '2026-11-20',
    today: '2026-12-15',
    line: l,
    result,
    substances: ['FOSFOMYCINE TROMÉTAMOL'],
    timeZone: 'Europe/Paris',
  };

  // RULES.md § Conditional: the pharmacist records both findings and the result; the result decides.
  it.each([
    ['positive', 'deliverable'],
    ['negative', 'not-delivered'],
  ] as const)('a %s BU → %s (no window unless the prescriber set one)', (result, kind) => {
    const findings = { nitrites: 'positive', leucocytes: result } as const;
    expect(evaluateConditional({ ...input, result: { ...input.result, result, findings } }).kind).toBe(kind);
  });

  it('refuses a result of the other test', () => {
    expect(
      evaluateConditional({ ...input, result: positive('2026-11-20T10:00:00+01:00') }).issues,
    ).toMatchObject([{ details: { reason: 'no-result' } }]);
  });
});

describe('allowed molecules (accents and case ignored)', () => {
  it.each<['trod-angine' | 'bu-cystite', string[], boolean]>([
    ['trod-angine', ['amoxicilline'], true],
    ['trod-angine', ['AMOXICILLINE TRIHYDRATÉE'], true],
    ['trod-angine', ['Céfuroxime axétil'], true],
    ['trod-angine', ['CEFUROXIME SODIQUE'], false],
    ['trod-angine', ['cefpodoxime proxétil'], true],
    ['trod-angine', ['AZITHROMYCINE DIHYDRATÉE'], true],
    ['trod-angine', ['clarithromycine'], true],
    ['trod-angine', ['JOSAMYCINE'], true],
    ['trod-angine', ['AMOXICILLINE', 'ACIDE CLAVULANIQUE'], false],
    ['trod-angine', ['pivmécillinam'], false],
    ['trod-angine', [], false],
    ['bu-cystite', ['FOSFOMYCINE TROMÉTAMOL'], true],
    ['bu-cystite', ['fosfomycine calcique'], false],
    ['bu-cystite', ['CHLORHYDRATE DE PIVMÉCILLINAM'], true],
    ['bu-cystite', ['amoxicilline'], false],
  ])('%s with %j → %p', (test, substances, ok) => {
    expect(moleculesAllowed(test, substances)).toBe(ok);
  });

  it('blocks a delivered product that is not an allowed molecule', () => {
    const d = evaluateConditional({
      line: line('trod-angine'),
      prescriptionDate: '2026-11-20',
      today: '2026-11-20',
      result: positive('2026-11-20T10:00:00+01:00'),
      substances: ['LÉVOFLOXACINE'],
      timeZone: 'Europe/Paris',
    });
    expect(d.issues).toMatchObject([{ details: { reason: 'molecule-not-allowed' } }]);
  });

  it('normalises names', () => expect(normaliseSubstance(' CÉFUROXIME  AXÉTIL ')).toBe('cefuroxime axetil'));
});
