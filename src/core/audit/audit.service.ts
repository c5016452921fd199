import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { WriteLock } from '../database/write-lock';
import { CoreException } from '../errors/core.exception';
import {
  AuditEntryInput,
  entryHash,
  GENESIS_HASH,
  START,
  VerifyResult,
  walkBatch,
  WalkState,
} from './audit-chain';
import { assertAuditDataClean } from './audit-data.guard';
import { actorColumns, AuditRow, rowToChained } from './audit-row';
import { canonicalJson } from './canonical-json';
import { CORE_DETAILS } from '../errors/error-messages';
import { Text } from '../i18n/messages';

const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const COLUMNS = [
  'seq',
  'at',
  'actorKind',
  'actorRpps',
  'actorRole',
  'terminalId',
  'action',
  'subjectType',
  'subjectId',
  'data',
  'prevHash',
  'hash',
] as const;
const INSERT = `INSERT INTO "audit_entries" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

function refuse(detail: Text): never {
  throw new CoreException('AUDIT_ENTRY_REFUSED', detail);
}

function checkInput(input: AuditEntryInput): void {
  if (!ACTION.test(input.action) || input.action.length > 64)
    refuse(CORE_DETAILS.AUDIT_ENTRY_REFUSED.action({ action: input.action }));
  if (!input.subject?.type || input.subject.type.length > 32)
    refuse(CORE_DETAILS.AUDIT_ENTRY_REFUSED.subjectType());
  if (!input.subject.id || input.subject.id.length > 64) refuse(CORE_DETAILS.AUDIT_ENTRY_REFUSED.subjectId());
  if (input.actor.kind === 'person' && !/^\d{11}$/.test(input.actor.rpps))
    refuse(CORE_DETAILS.AUDIT_ENTRY_REFUSED.actorRpps());
  assertAuditDataClean(input.data ?? {});
}

/**
 * The append-only, hash-chained audit trail (docs/acts.md § Audit trail).
 *
 * Serialisation: reading the last link and inserting the next one happen in one transaction (the
 * caller's when a manager is given, else one taken through the WriteLock, which already runs transactions
 * one at a time). The queue here only orders appends a single transaction might start in parallel, which
 * would otherwise both read the same last hash. Another
 * process writing concurrently cannot fork the chain either: `seq` is the primary key, so the second
 * insert of the same seq fails instead of forking.
 */
@Injectable()
export class AuditService {
  static readonly BATCH = 500;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly lock: WriteLock,
  ) {}

  /** Appends one entry; pass the caller's transactional manager so the act and its entry commit together. */
  async append(input: AuditEntryInput, manager?: EntityManager): Promise<AuditRow> {
    checkInput(input);
    const at = (input.at ?? this.clock.now()).toISOString();
    const write = (m: EntityManager) => this.insertNext(m, input, at);
    // Without a manager, take the WriteLock first: queueing here while holding nothing, and only then
    // waiting for the lock, could deadlock with a transaction that appends with its own manager.
    if (manager) return this.serialised(() => write(manager));
    return this.lock.transaction((m) => this.serialised(() => write(m)));
  }

  /** Walks the whole chain in seq order, a batch at a time, and says where it first breaks. */
  async verify(batchSize = AuditService.BATCH): Promise<VerifyResult> {
    let state: WalkState = START;
    for (;;) {
      const rows = (await this.db.query(
        `SELECT * FROM "audit_entries" WHERE "seq" >= ? ORDER BY "seq" LIMIT ?`,
        [state.nextSeq, batchSize],
      )) as AuditRow[];
      const next = walkBatch(state, rows.map(rowToChained));
      if ('brokenAt' in next) return { ok: false, entries: await this.count(), firstBrokenAt: next.brokenAt };
      state = next;
      if (rows.length < batchSize) break;
    }
    // Rows deleted from the end leave no gap, but sqlite_sequence still remembers the highest seq.
    if ((await this.highestIssued(this.db.manager)) >= state.nextSeq) {
      return { ok: false, entries: await this.count(), firstBrokenAt: state.nextSeq };
    }
    return { ok: true, entries: state.entries };
  }

  private async insertNext(m: EntityManager, input: AuditEntryInput, at: string): Promise<AuditRow> {
    const [last] = (await m.query(
      `SELECT "seq", "hash" FROM "audit_entries" ORDER BY "seq" DESC LIMIT 1`,
    )) as {
      seq: number;
      hash: string;
    }[];
    const seq = Math.max(last?.seq ?? 0, await this.highestIssued(m)) + 1;
    const data = input.data ?? {};
    const entry = {
      seq,
      at,
      actor: input.actor,
      terminalId: input.terminalId ?? null,
      action: input.action,
      subject: { type: input.subject.type, id: input.subject.id },
      data,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const row: AuditRow = {
      seq,
      at,
      ...actorColumns(input.actor),
      terminalId: entry.terminalId,
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      data: canonicalJson(data),
      prevHash: entry.prevHash,
      hash: entryHash(entry),
    };
    await m.query(
      INSERT,
      COLUMNS.map((c) => row[c]),
    );
    return row;
  }

  private async count(): Promise<number> {
    const [row] = (await this.db.query(`SELECT COUNT(*) AS "n" FROM "audit_entries"`)) as { n: number }[];
    return Number(row.n);
  }

  private async highestIssued(m: EntityManager): Promise<number> {
    const [row] = (await m.query(`SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'audit_entries'`)) as {
      seq: number;
    }[];
    return Number(row?.seq ?? 0);
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
