import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARD_STATUSES } from '../../src/back-office/dashboard/dashboard-status';
import { REJECTION_STATUSES } from '../../src/back-office/rejections/invoice-rejection.entity';
import { ISSUE_SEVERITY } from '../../src/dispensation/issue';
import { OUTBOX_STATUSES } from '../../src/execution/dto/executions.dto';
import { SCAN_WARNINGS } from '../../src/scan/parsers/types';
import { allErrorCodes } from '../support/error-codes';
import { foreignIn } from '../support/visible-text';

// The pages' own module (an ES module in the browser; jest.config.js transforms it for this test).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const labels = require('../../src/counter/pages/assets/labels.js') as Record<string, Record<string, string>>;

const root = join(__dirname, '../..');

/** The members of a string-literal union type as its source spells them. */
function unionOf(file: string, type: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  const body = new RegExp(`export type ${type} =([^;]+);`).exec(source)?.[1] ?? '';
  return [...body.matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

/** Issue 20: the pages show no raw code; every code the API can send has a French label on the page. */
describe('the pages label every code in French (assets/labels.js)', () => {
  it.each(allErrorCodes().map(([code]) => code))('error code %s', (code) => {
    expect(labels.ERROR[code]).toEqual(expect.any(String));
  });

  it.each(Object.keys(ISSUE_SEVERITY))('issue code %s', (code) => {
    expect(labels.ISSUE[code]).toEqual(expect.any(String));
  });

  it.each([
    ['SCAN_WARNINGS', [...SCAN_WARNINGS]],
    ['SCAN_WARNINGS', ['NO_OPEN_DISPENSATION', 'SESAM_VITALE_NOT_CONFIGURED']],
    [
      'LINE_STATUS',
      unionOf('src/dispensation/reconciliation/reconciliation.types.ts', 'ReconciliationStatus'),
    ],
    ['DISPENSATION_STATUS', unionOf('src/dispensation/dispensation.entity.ts', 'DispensationStatus')],
    ['RX_STATUS', unionOf('src/prescription/teleservice/teleservice.types.ts', 'PrescriptionStatus')],
    ['RX_STATUS', ['open', 'partially-executed', 'fully-executed', 'expired', 'cancelled']],
    [
      'NON_DELIVERY_REASONS',
      unionOf('src/prescription/teleservice/teleservice.types.ts', 'NonDeliveryReason'),
    ],
    ['RENEWAL_KINDS', unionOf('src/prescription/teleservice/teleservice.types.ts', 'RenewalKind')],
    ['AGREEMENT_CHANNELS', unionOf('src/prescription/teleservice/teleservice.types.ts', 'AgreementChannel')],
    ['CONDITIONAL_TESTS', unionOf('src/prescription/teleservice/teleservice.types.ts', 'ConditionalTest')],
    ['EXECUTION_KIND', unionOf('src/prescription/teleservice/teleservice.types.ts', 'ExecutionKind')],
    ['PRESCRIPTION_STATUS', [...DASHBOARD_STATUSES]],
    ['REJECTION_STATUS', [...REJECTION_STATUSES]],
    ['EXECUTION_STATUS', [...OUTBOX_STATUSES]],
  ])('enum %s: %j', (table, values) => {
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((v) => typeof labels[table][v] !== 'string')).toEqual([]);
  });

  it('labels are French: no English word and no raw code in any of them', () => {
    const found = Object.entries(labels).flatMap(([table, entries]) =>
      Object.entries(entries)
        .map(([key, text]) => [`${table}.${key}`, foreignIn(text)])
        .filter(([, word]) => word !== undefined),
    );
    expect(found).toEqual([]);
  });

  it('the test would fail on a missing label', () => {
    expect(labels.ERROR.NO_SUCH_CODE_EVER).toBeUndefined();
    expect(foreignIn('This pack expired on 2026-01-01')).toBe('This');
    expect(foreignIn('Passer outre DISPENSATION_HAS_BLOCKING_ISSUES')).toBe(
      'DISPENSATION_HAS_BLOCKING_ISSUES',
    );
  });
});
