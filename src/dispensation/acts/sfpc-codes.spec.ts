import { join } from 'node:path';
import { readFshCodeSystem } from '../../../scripts/lib/fsh-codesystem';
import {
  isInterventionCode,
  isOutcomeCode,
  isProblemCode,
  SFPC_INTERVENTION_CODES,
  SFPC_OUTCOME_CODES,
  SFPC_PROBLEM_CODES,
  sfpcLookup,
} from './sfpc-codes';

const fsh = (file: string) => readFshCodeSystem(join(__dirname, 'sfpc', file)).concepts;

describe('SFPC codes', () => {
  it.each([
    ['problem', SFPC_PROBLEM_CODES, 'FrPharmaceuticalInterventionProblemCode.fsh', 14],
    ['intervention', SFPC_INTERVENTION_CODES, 'FrPharmaceuticalInterventionTypeCode.fsh', 7],
    ['outcome', SFPC_OUTCOME_CODES, 'FrPharmaceuticalInterventionDevenirCode.fsh', 4],
  ] as const)('the %s table is exactly the .fsh content', (_, table, file, count) => {
    expect(table.map(({ code, display }) => ({ code, display }))).toEqual(fsh(file));
    expect(table).toHaveLength(count);
  });

  it.each([
    ['1', true],
    ['6.1', true],
    ['6.5', true],
    ['10', true],
    ['6', false],
    ['6.6', false],
    ['11', false],
    ['1.1', false],
    [1, false],
    [undefined, false],
  ])('isProblemCode(%p) is %p', (code, ok) => {
    expect(isProblemCode(code)).toBe(ok);
  });

  it.each([
    ['1', true, true],
    ['4', true, true],
    ['5', true, false],
    ['7', true, false],
    ['8', false, false],
    ['0', false, false],
  ])('code %p: intervention %p, outcome %p', (code, intervention, outcome) => {
    expect([isInterventionCode(code), isOutcomeCode(code)]).toEqual([intervention, outcome]);
  });

  it('looks a concept up with its system, verbatim display and fixed label', () => {
    expect(sfpcLookup('intervention', '3')).toEqual({
      kind: 'intervention',
      system: 'https://hl7.fr/ig/fhir/medication/CodeSystem/fr-pharmaceutical-intervention-type-code',
      code: '3',
      display: 'Substitution/echange',
      label: 'Substitution/échange',
    });
    expect(sfpcLookup('problem', '6.4')?.display).toBe('Interaction - Association contre-indiquée');
    expect(sfpcLookup('outcome', '4')?.label).toBe('Acceptée avec modification de proposition(s)');
    expect(sfpcLookup('outcome', '5')).toBeUndefined();
  });
});
