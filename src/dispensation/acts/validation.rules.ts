import type { ProfessionalRole } from '../../prescription/teleservice/teleservice.types';
import { issue, Issue } from '../issue';

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
  return issue(
    'LINE_NOT_ADDRESSED',
    'deliver, record a non-delivery, or an intervention explaining why not',
    {
      lineId,
    },
  );
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

export type OverrideDecision =
  { ok: true } | { ok: false; code: 'FORBIDDEN' | 'NOT_OVERRIDABLE'; message: string };

/** API.md § Conventions: a preparateur does everything but override a blocking issue; RULES.md § Other acts. */
export function canOverride(
  role: ProfessionalRole,
  target: Pick<Issue, 'code' | 'severity'>,
): OverrideDecision {
  if (role !== 'pharmacien')
    return { ok: false, code: 'FORBIDDEN', message: 'only a pharmacien may override' };
  // LINE_NOT_ADDRESSED is fixed by an act on the line (issue 5), never waived.
  if (target.code === 'LINE_NOT_ADDRESSED' || target.severity !== 'blocking') {
    return { ok: false, code: 'NOT_OVERRIDABLE', message: `${target.code} cannot be overridden` };
  }
  return { ok: true };
}
