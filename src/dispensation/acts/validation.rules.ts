import type { ProfessionalRole } from '../../prescription/teleservice/teleservice.types';
import { CONFIRMED_NOT_OVERRIDDEN, issue, Issue } from '../issue';
import type { Text } from '../../core/i18n/messages';
import { DISPENSATION_DETAILS as D } from '../error-messages';

/** What validation needs to know of a line: counts of what is on it now (cancelled acts excluded). */
export interface LineForValidation {
  lineId: string;
  packs: number;
  manualDeliveries: number;
  interventions: number;
  nonDelivery: boolean;
  issues: readonly Issue[];
}

// Issue 5: "en face de chaque ligne, détailler son intervention, y compris s'il n'y a pas de changement".
export function isLineAddressed(line: LineForValidation): boolean {
  return line.packs + line.manualDeliveries > 0 || line.nonDelivery || line.interventions > 0;
}

export function lineNotAddressed(lineId: string): Issue {
  return issue('LINE_NOT_ADDRESSED', { lineId });
}

export type ValidationDecision = { ok: true } | { ok: false; issues: Issue[] };

/** API.md § validate: refused while a blocking issue is not overridden or a line is not addressed. */
export function evaluateValidation(
  lines: readonly LineForValidation[],
  dispensationIssues: readonly Issue[],
): ValidationDecision {
  const blocking = (i: Issue) => i.severity === 'blocking' && !i.overridden;
  const issues = [
    ...dispensationIssues.filter(blocking),
    ...lines.flatMap((l) => [
      ...l.issues.filter(blocking),
      ...(isLineAddressed(l) ? [] : [lineNotAddressed(l.lineId)]),
    ]),
  ];
  return issues.length ? { ok: false, issues } : { ok: true };
}

/**
 * Issues about the product or the quantity: overriding one delivers something the prescription does not
 * say, so an intervention given as the why needs the prescriber's agreement (RULES.md § Substitution).
 */
const CHANGES_THE_PRESCRIPTION = new Set([
  'NS_SUBSTITUTION_FORBIDDEN',
  'NOT_SAME_GENERIC_GROUP',
  'PRODUCT_MISMATCH',
  'QUANTITY_EXCEEDS_PRESCRIPTION',
  'DELIVERY_CAP_EXCEEDED',
  'PRESCRIPTION_LIMIT_EXCEEDED',
]);

export function needsPrescriberAgreement(code: string): boolean {
  return CHANGES_THE_PRESCRIPTION.has(code);
}

export type OverrideDecision =
  { ok: true } | { ok: false; code: 'FORBIDDEN' | 'NOT_OVERRIDABLE'; message: Text };

/** API.md § Conventions: a preparateur does everything but override a blocking issue; RULES.md § Other acts. */
export function canOverride(
  role: ProfessionalRole,
  target: Pick<Issue, 'code' | 'severity' | 'details'>,
): OverrideDecision {
  if (role !== 'pharmacien')
    return { ok: false, code: 'FORBIDDEN', message: D.OVERRIDE_NOT_ALLOWED.pharmacienOnly() };
  // LINE_NOT_ADDRESSED is fixed by an act on the line (issue 5), never waived; the pharmacist confirms a
  // secure paper or a transcription, which is not an override (API.md).
  // The teleservice's verdict (fully executed, expired, cancelled) is lifted only by an exceptional
  // dispensation on its line (RULES.md), never overridden.
  if (
    target.details?.source === 'teleservice' ||
    target.code === 'LINE_NOT_ADDRESSED' ||
    CONFIRMED_NOT_OVERRIDDEN.has(target.code) ||
    target.severity !== 'blocking'
  ) {
    return {
      ok: false,
      code: 'NOT_OVERRIDABLE',
      message: D.ISSUE_NOT_OVERRIDABLE.notOverridable({ code: target.code }),
    };
  }
  return { ok: true };
}
