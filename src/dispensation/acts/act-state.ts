import type {
  ConditionalResult,
  Intervention,
  LineRenewal,
  NonDelivery,
} from '../../prescription/teleservice/teleservice.types';
import type { ActAuthor, DispensationActEntity } from '../dispensation-act.entity';
import type { Issue } from '../issue';

/** An act as a line shows it: what was recorded, by whom, when, and its id (for DELETE). */
export type Recorded<T> = T & { actId: string; by: ActAuthor; at: string };

export interface LineFlags {
  patientRefusedGeneric?: boolean;
  mtePh?: boolean;
}

export interface LineActs {
  interventions: Recorded<Intervention>[];
  conditional?: Recorded<ConditionalResult>;
  nonDelivery?: Recorded<NonDelivery>;
  renewal?: Recorded<LineRenewal & { mention?: string; durationDays?: number }>;
  flags: LineFlags;
}

export interface OverrideAct {
  lineId: string | null;
  code: string;
  reason: string;
  by: ActAuthor;
  at: string;
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

export function overrides(acts: readonly DispensationActEntity[]): OverrideAct[] {
  return acts
    .filter((a) => a.type === 'override' && !a.cancelledAt)
    .map((a) => ({
      lineId: a.lineId,
      code: String(a.body.code),
      reason: String(a.body.reason),
      by: a.by,
      at: a.at.toISOString(),
    }));
}

/** Marks the issues a pharmacien overrode (`lineId` null: the dispensation's own issues). */
export function applyOverrides(issues: Issue[], lineId: string | null, given: OverrideAct[]): Issue[] {
  return issues.map((i) => {
    const o = given.filter((g) => g.lineId === lineId && g.code === i.code).pop();
    return o && i.severity === 'blocking'
      ? { ...i, overridden: { by: o.by.rpps, reason: o.reason, at: o.at } }
      : i;
  });
}
