import type {
  ConditionalResult,
  ConditionalTest,
  PrescriptionLine,
} from '../../prescription/teleservice/teleservice.types';
import type { Issue } from '../issue';
import { conditionNotMet } from './act-issue';
import { addDays, localDate } from '../../core/clock/calendar';
import { fold } from '../../core/text/fold';

// Décret 2021-1631 and arrêté of 13 Dec 2021 (angine); arrêté of Nov 2023 (cystite): domain-research §6.1.
export const CONDITIONAL_MOLECULES: Record<ConditionalTest, readonly string[]> = {
  'trod-angine': [
    'amoxicilline',
    'céfuroxime axétil',
    'cefpodoxime',
    'azithromycine',
    'clarithromycine',
    'josamycine',
  ],
  'bu-cystite': ['fosfomycine trométamol', 'pivmécillinam'],
};

// « si TROD angine positif, sous 7 jours calendaires à compter de ce jour » (arrêté of 13 Dec 2021).
export const DEFAULT_VALIDITY_DAYS: Partial<Record<ConditionalTest, number>> = { 'trod-angine': 7 };

/** Lower case, no accents, single spaces: "CÉFUROXIME  AXÉTIL" → "cefuroxime axetil". */
export function normaliseSubstance(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const words = (name: string) => normaliseSubstance(name).split(' ');

/** Every substance of the product is an allowed molecule (its words all present: salts and hydrates pass). */
export function moleculesAllowed(test: ConditionalTest, substances: readonly string[]): boolean {
  const allowed = CONDITIONAL_MOLECULES[test].map(words);
  return (
    substances.length > 0 &&
    substances.every((s) => {
      const have = new Set(words(s));
      return allowed.some((a) => a.every((w) => have.has(w)));
    })
  );
}

export interface ConditionalInput {
  line: PrescriptionLine;
  prescriptionDate: string;
  today: string;
  result?: ConditionalResult;
  /** Substances of the delivered product(s), empty when nothing is delivered yet. */
  substances: readonly string[];
  /** The pharmacy's zone: the day a test was performed is the pharmacy's day. */
  timeZone: string;
}

export type ConditionalDecision =
  | { kind: 'not-conditional'; issues: [] }
  | { kind: 'deliverable'; lastDay?: string; issues: [] }
  | { kind: 'not-delivered'; nonDelivery: { reason: 'condition-not-met' }; issues: Issue[] }
  | { kind: 'blocked'; lastDay?: string; issues: Issue[] };

/** Whether a conditional line may be delivered today, given the recorded test result and the product. */
export function evaluateConditional(input: ConditionalInput): ConditionalDecision {
  const cond = input.line.conditional;
  if (!cond) return { kind: 'not-conditional', issues: [] };
  const validity = cond.validityDays ?? DEFAULT_VALIDITY_DAYS[cond.test];
  // Day 1 is the prescription date, so the last day is date + validity − 1.
  const lastDay = validity ? addDays(input.prescriptionDate, validity - 1) : undefined;
  const issues: Issue[] = [];
  if (input.substances.length && !moleculesAllowed(cond.test, input.substances)) {
    issues.push(conditionNotMet('molecule-not-allowed'));
  }
  const r = input.result;
  if (r?.test === cond.test && r.result === 'negative') {
    if (input.substances.length) issues.push(conditionNotMet('negative-result'));
    return { kind: 'not-delivered', nonDelivery: { reason: 'condition-not-met' }, issues };
  }
  const testDay = r ? localDate(r.performedAt, input.timeZone) : undefined;
  if (!r || r.test !== cond.test) issues.push(conditionNotMet('no-result'));
  else if (testDay! < input.prescriptionDate) {
    issues.push(conditionNotMet('test-before-prescription'));
  } else if (lastDay && testDay! > lastDay) {
    issues.push(conditionNotMet('test-out-of-window', lastDay));
  }
  if (lastDay && input.today > lastDay) {
    issues.push(conditionNotMet('prescription-lapsed', lastDay));
  }
  return issues.length ? { kind: 'blocked', lastDay, issues } : { kind: 'deliverable', lastDay, issues: [] };
}
