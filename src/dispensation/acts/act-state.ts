import type {
  ConditionalResult,
  Intervention,
  LineRenewal,
  NonDelivery,
  PrescriberInformed,
} from '../../prescription/teleservice/teleservice.types';
import type { ActAuthor, DispensationActEntity } from '../dispensation-act.entity';
import type { LineActFacts, OverrideFacts } from '../reconciliation/reconciliation.types';

/** An act as a line shows it: what was recorded, by whom, when, and its id (for DELETE). */
export type Recorded<T> = T & { actId: string; by: ActAuthor; at: string };

export interface LineFlags {
  patientRefusedGeneric?: boolean;
  mtePh?: boolean;
  /** The prescriber informed of an MTE-PH or an exceptional dispensation (RULES.md). */
  prescriberInformed?: PrescriberInformed;
  /** Degraded mode: the transcribed paper is secure paper, and why the prescription is on paper. */
  securePaperConfirmed?: boolean;
  securePaperReason?: string;
}

export interface LineActs {
  interventions: Recorded<Intervention>[];
  conditional?: Recorded<ConditionalResult>;
  nonDelivery?: Recorded<NonDelivery>;
  renewal?: Recorded<LineRenewal & { mention?: string; durationDays?: number }>;
  flags: LineFlags;
}

const recorded = <T>(a: DispensationActEntity): Recorded<T> =>
  ({ ...(a.body as T), actId: a.id, by: a.by, at: a.at.toISOString() }) as Recorded<T>;

/** The acts in force (not cancelled), in the order recorded: for each line, the latest of a kind wins. */
export function lineActs(acts: readonly DispensationActEntity[], lineId: string): LineActs {
  const state: LineActs = { interventions: [], flags: {} };
  for (const a of acts) {
    if (a.cancelledAt || a.lineId !== lineId) continue;
    if (a.type === 'intervention') state.interventions.push(recorded(a));
    else if (a.type === 'conditional') state.conditional = recorded(a);
    else if (a.type === 'non-delivery') state.nonDelivery = recorded(a);
    else if (a.type === 'renewal') state.renewal = recorded(a);
    else if (a.type === 'line-flags') state.flags = { ...state.flags, ...(a.body as LineFlags) };
  }
  return state;
}

/** What the rules read of a line's acts (the projection's input). */
export function actFacts(state: LineActs): LineActFacts {
  const facts: LineActFacts = {};
  if (state.conditional) {
    const { test, result, performedAt } = state.conditional;
    facts.conditional = { test, result, performedAt };
  }
  if (state.nonDelivery) facts.nonDelivery = true;
  if (state.flags.securePaperConfirmed) facts.securePaperConfirmed = true;
  if (state.renewal?.kind === 'exceptional-dispensation') facts.exceptionalDays = state.renewal.durationDays;
  return facts;
}

/** The overrides in force, with the intervention that says why when there is one. */
export function overrides(acts: readonly DispensationActEntity[]): OverrideFacts[] {
  return acts
    .filter((a) => a.type === 'override' && !a.cancelledAt)
    .map((a) => {
      const o: OverrideFacts = {
        lineId: a.lineId,
        code: String(a.body.code),
        reason: String(a.body.reason ?? ''),
        by: a.by.rpps,
        at: a.at.toISOString(),
      };
      if (typeof a.body.interventionId === 'string') o.interventionId = a.body.interventionId;
      return o;
    });
}
