import { canonicalJson, JsonValue, sha256Hex } from './canonical-json';

/** prevHash of entry 1: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

export type OperatorRole = 'pharmacien' | 'preparateur';

/** Who acted: the person at the terminal, the terminal itself (no operator set) or the service. */
export type AuditActor =
  { kind: 'person'; rpps: string; role: OperatorRole } | { kind: 'terminal' } | { kind: 'system' };

/** The person at the terminal as the audit trail records them: RPPS and role, nothing else. */
export const personActor = (p: { rpps: string; role: OperatorRole }): AuditActor => ({
  kind: 'person',
  rpps: p.rpps,
  role: p.role,
});

export interface AuditSubject {
  type: string;
  id: string;
}

/** What a caller appends; `at` defaults to the injected clock. */
export interface AuditEntryInput {
  /** Whose chain the entry goes to (default: the configured pharmacy). */
  pharmacyId?: string;
  /** Stable dotted name, e.g. `dispensation.pack.added`. */
  action: string;
  actor: AuditActor;
  terminalId?: string | null;
  subject: AuditSubject;
  /** Plain JSON; never patient identity (see audit-data.guard.ts). */
  data?: { [key: string]: JsonValue };
  at?: Date;
}

/** One link of the chain as hashed: every column but `hash`. */
export interface ChainedEntry {
  seq: number;
  at: string;
  actor: AuditActor;
  terminalId: string | null;
  action: string;
  subject: AuditSubject;
  data: { [key: string]: JsonValue };
  prevHash: string;
}

/** SHA-256 of the canonical JSON of the entry, prevHash included, so editing any link breaks the next. */
export function entryHash(entry: ChainedEntry): string {
  const actor: JsonValue = { ...entry.actor };
  return sha256Hex(
    canonicalJson({
      seq: entry.seq,
      at: entry.at,
      actor,
      terminalId: entry.terminalId,
      action: entry.action,
      subject: { type: entry.subject.type, id: entry.subject.id },
      data: entry.data,
      prevHash: entry.prevHash,
    }),
  );
}

export interface VerifyResult {
  ok: boolean;
  /** Rows in the table. */
  entries: number;
  /** Place in the chain (chainSeq) of the first entry that is missing, edited or not linked to its predecessor. */
  firstBrokenAt?: number;
}

/** Where a walk stands between batches. */
export interface WalkState {
  nextSeq: number;
  prevHash: string;
  entries: number;
}

export const START: WalkState = { nextSeq: 1, prevHash: GENESIS_HASH, entries: 0 };

/** Checks one batch in seq order; returns the state to continue with, or the seq where the chain breaks. */
export function walkBatch(
  state: WalkState,
  batch: ReadonlyArray<{ entry: ChainedEntry; hash: string } | { brokenAt: number }>,
): WalkState | { brokenAt: number } {
  let { nextSeq, prevHash, entries } = state;
  for (const row of batch) {
    if ('brokenAt' in row) return row;
    const { entry, hash } = row;
    // A gap is a deleted row; a wrong prevHash a re-linked one; a wrong hash an edited one.
    if (entry.seq !== nextSeq) return { brokenAt: nextSeq };
    if (entry.prevHash !== prevHash || entryHash(entry) !== hash) return { brokenAt: entry.seq };
    prevHash = hash;
    nextSeq += 1;
    entries += 1;
  }
  return { nextSeq, prevHash, entries };
}
