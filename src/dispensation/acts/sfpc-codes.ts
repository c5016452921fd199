import {
  SFPC_INTERVENTION_CODES,
  SFPC_INTERVENTION_SYSTEM,
  SFPC_OUTCOME_CODES,
  SFPC_OUTCOME_SYSTEM,
  SFPC_PROBLEM_CODES,
  SFPC_PROBLEM_SYSTEM,
} from './sfpc-code-tables';

export * from './sfpc-code-tables';

/** SFPC problem codes as FHIR codes: "1"…"10", with "6.1"…"6.5" for interactions (no bare "6"). */
export type ProblemCode = (typeof SFPC_PROBLEM_CODES)[number]['code'];
export type InterventionCode = (typeof SFPC_INTERVENTION_CODES)[number]['code'];
export type OutcomeCode = (typeof SFPC_OUTCOME_CODES)[number]['code'];
export type SfpcKind = 'problem' | 'intervention' | 'outcome';

export interface SfpcConcept {
  kind: SfpcKind;
  system: string;
  code: string;
  /** Verbatim from the code system (what a FHIR payload carries). */
  display: string;
  /** For people: the display with the source's typos fixed. */
  label: string;
}

const TABLES: Record<
  SfpcKind,
  { system: string; codes: ReadonlyArray<{ code: string; display: string; label: string }> }
> = {
  problem: { system: SFPC_PROBLEM_SYSTEM, codes: SFPC_PROBLEM_CODES },
  intervention: { system: SFPC_INTERVENTION_SYSTEM, codes: SFPC_INTERVENTION_CODES },
  outcome: { system: SFPC_OUTCOME_SYSTEM, codes: SFPC_OUTCOME_CODES },
};

const INDEX = new Map<string, SfpcConcept>(
  Object.entries(TABLES).flatMap(([kind, t]) =>
    t.codes.map((c) => [`${kind}|${c.code}`, { kind: kind as SfpcKind, system: t.system, ...c }] as const),
  ),
);

/** The concept for a code of that kind, or undefined (unknown codes are 422 at the API edge). */
export function sfpcLookup(kind: SfpcKind, code: unknown): SfpcConcept | undefined {
  return typeof code === 'string' ? INDEX.get(`${kind}|${code}`) : undefined;
}

export const isProblemCode = (code: unknown): code is ProblemCode =>
  sfpcLookup('problem', code) !== undefined;
export const isInterventionCode = (code: unknown): code is InterventionCode =>
  sfpcLookup('intervention', code) !== undefined;
export const isOutcomeCode = (code: unknown): code is OutcomeCode =>
  sfpcLookup('outcome', code) !== undefined;
