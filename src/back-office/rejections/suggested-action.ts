import { fold } from '../../core/text/fold';
import type { OutboxExecutionEntity } from '../../core/outbox/outbox-execution.entity';

export type SuggestedAction = 'resend-execution' | 'send-reconstitution-scor' | 'correct-and-reinvoice';

/**
 * NOEMIE rejection codes Comptoir knows (docs/back-office.md § Suggested action). The catalogue is not
 * public: these come from the trade press, everything else is decided from the label, then the default.
 */
export const KNOWN_REJECTION_CODES: Readonly<Record<string, SuggestedAction>> = {
  // Old numbering « ETM NON TROUVÉE EN BDO »: the exoneration (ALD) claimed is not on file.
  '0450-054': 'correct-and-reinvoice',
  // New numbering « ALD INCONNUE EN BASE (MAIS PEC POSSIBLE SUR MOTIF FSV) ».
  '0009-816': 'correct-and-reinvoice',
};

/** Labels saying the caisse lacks the prescription or its supporting document (accents and case ignored). */
export const MISSING_DOCUMENT_PATTERNS: readonly RegExp[] = [
  /\bpieces? justificatives?\b/,
  /\bpj\b/,
  /\bscor\b/,
  /\b(ordonnance|prescription)s? (absente|manquante|non recue|non transmise|non trouvee|introuvable|illisible)s?\b/,
  /\b(absence|defaut) d[e'] ?(l')?(ordonnance|prescription|piece)/,
];

export function normaliseLabel(label: string): string {
  return fold(label);
}

type Row = Pick<OutboxExecutionEntity, 'kind' | 'status'>;

/**
 * What the back office should do about a rejection, first rule that applies:
 * 1. the execution is not acknowledged (queued, sending, parked, cancelled, missing), or another call of
 *    the dispensation is parked → `resend-execution`: the caisse cannot have the execution data;
 * 2. a known code → its action;
 * 3. a label saying the prescription / pièce justificative is missing → `send-reconstitution-scor`;
 * 4. otherwise `correct-and-reinvoice`.
 */
export function suggestAction(
  rejection: { rejectionCode: string; label: string },
  rows: readonly Row[],
): SuggestedAction {
  const execution = rows.find((r) => r.kind === 'execution');
  if (!execution || execution.status !== 'acknowledged') return 'resend-execution';
  if (rows.some((r) => r.status === 'parked')) return 'resend-execution';
  const known = KNOWN_REJECTION_CODES[rejection.rejectionCode.trim()];
  if (known) return known;
  const label = normaliseLabel(rejection.label);
  if (MISSING_DOCUMENT_PATTERNS.some((p) => p.test(label))) return 'send-reconstitution-scor';
  return 'correct-and-reinvoice';
}
