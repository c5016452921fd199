import type { DispensationActEntity } from './dispensation-act.entity';
import type { DispensationView, LineView } from './dispensation.view';
import type { Issue } from './issue';
import { applyOverrides, lineActs, overrides } from './acts/act-state';

/**
 * The Dispensation with its acts: each line shows its interventions, conditional result, non-delivery,
 * renewal and flags; the issues acts raise (`CONDITION_NOT_MET`) join the line's; overrides mark issues.
 */
export function withActs(
  view: DispensationView,
  acts: readonly DispensationActEntity[],
  actIssues: Record<string, Issue[]>,
): DispensationView {
  const given = overrides(acts);
  const lines = view.lines.map((line): LineView => {
    const state = lineActs(acts, line.lineId);
    // R.5123-2-1: the exceptional supplementary dispensation is made on an expired prescription by definition.
    const exceptional = state.renewal?.kind === 'exceptional-dispensation';
    const fromRules = exceptional
      ? line.reconciliation.issues.filter((i) => i.code !== 'PRESCRIPTION_EXPIRED')
      : line.reconciliation.issues;
    const issues = applyOverrides([...fromRules, ...(actIssues[line.lineId] ?? [])], line.lineId, given);
    const delivered = line.packs.length + line.manualDeliveries.length > 0;
    const reconciliation = { ...line.reconciliation, issues };
    if (exceptional && reconciliation.status === 'blocked')
      reconciliation.status = unblockedStatus(reconciliation);
    if (state.nonDelivery && !delivered) reconciliation.status = 'not-delivered';
    const v: LineView = { ...line, reconciliation, interventions: state.interventions };
    if (state.conditional) v.conditional = state.conditional;
    if (state.nonDelivery) v.nonDelivery = state.nonDelivery;
    if (state.renewal) v.renewal = state.renewal;
    if (state.flags.patientRefusedGeneric !== undefined)
      v.patientRefusedGeneric = state.flags.patientRefusedGeneric;
    if (state.flags.mtePh !== undefined) v.mtePh = state.flags.mtePh;
    return v;
  });
  return { ...view, lines, issues: applyOverrides(view.issues, null, given) };
}

/** The status a `blocked` line falls back to once its only blocking issue is lifted (as reconcile's statusOf). */
function unblockedStatus(r: LineView['reconciliation']): LineView['reconciliation']['status'] {
  if (r.issues.some((i) => i.severity === 'blocking' && !i.overridden)) return 'blocked';
  if (r.expectedBoxes !== null && r.dispensedBoxes > r.expectedBoxes) return 'over';
  if (r.expectedBoxes !== null && r.dispensedBoxes < r.expectedBoxes) return 'partial';
  return r.substitution ? 'substituted' : 'matched';
}
