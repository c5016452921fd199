import type { AuditActor, ChainedEntry } from './audit-chain';
import type { AuditEntryEntity } from './audit-entry.entity';

/** Columns of an entry as stored; the chain is checked on these, not on entity objects. */
export type AuditRow = Pick<
  AuditEntryEntity,
  | 'seq'
  | 'pharmacyId'
  | 'chainSeq'
  | 'at'
  | 'actorKind'
  | 'actorRpps'
  | 'actorRole'
  | 'terminalId'
  | 'action'
  | 'subjectType'
  | 'subjectId'
  | 'data'
  | 'prevHash'
  | 'hash'
>;

export function actorColumns(actor: AuditActor): Pick<AuditRow, 'actorKind' | 'actorRpps' | 'actorRole'> {
  return actor.kind === 'person'
    ? { actorKind: 'person', actorRpps: actor.rpps, actorRole: actor.role }
    : { actorKind: actor.kind, actorRpps: null, actorRole: null };
}

function actorOf(row: AuditRow): AuditActor {
  if (row.actorKind === 'person') return { kind: 'person', rpps: row.actorRpps ?? '', role: row.actorRole! };
  return { kind: row.actorKind };
}

/** The hashed view of a stored row (its place is its chainSeq); data that no longer parses breaks the chain there. */
export function rowToChained(row: AuditRow): { entry: ChainedEntry; hash: string } | { brokenAt: number } {
  let data: ChainedEntry['data'];
  try {
    data = JSON.parse(row.data) as ChainedEntry['data'];
  } catch {
    return { brokenAt: Number(row.chainSeq) };
  }
  const entry: ChainedEntry = {
    seq: Number(row.chainSeq),
    at: row.at,
    actor: actorOf(row),
    terminalId: row.terminalId,
    action: row.action,
    subject: { type: row.subjectType, id: row.subjectId },
    data,
    prevHash: row.prevHash,
  };
  return { entry, hash: row.hash };
}
