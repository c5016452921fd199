import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { Database } from '../database/database';
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
import { AuditRepository } from './audit.repository';
import { canonicalJson } from './canonical-json';

const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

function refuse(detail: string): never {
  throw new CoreException('AUDIT_ENTRY_REFUSED', detail);
}

function checkInput(input: AuditEntryInput): void {
  if (!ACTION.test(input.action) || input.action.length > 64)
    refuse(`audit action "${input.action}" is not a dotted name`);
  if (!input.subject?.type || input.subject.type.length > 32)
    refuse('audit subject type must be 1–32 characters');
  if (!input.subject.id || input.subject.id.length > 64) refuse('audit subject id must be 1–64 characters');
  if (input.actor.kind === 'person' && !/^\d{11}$/.test(input.actor.rpps))
    refuse('actor rpps must be 11 digits');
  assertAuditDataClean(input.data ?? {});
}

/**
 * The append-only, hash-chained audit trail (docs/acts.md § Audit trail).
 *
 * Serialisation: reading the last link and inserting the next one happen in one transaction (the
 * caller's when a manager is given, else one of its own). Appends a single transaction starts in parallel
 * are queued per transaction, so they never both read the same last hash; `seq` is the primary key, so a
 * second insert of the same seq fails instead of forking the chain.
 */
@Injectable()
export class AuditService {
  static readonly BATCH = 500;
  private readonly queues = new WeakMap<EntityManager, Promise<unknown>>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly rows: AuditRepository,
  ) {}

  /** Appends one entry; pass the caller's transactional manager so the act and its entry commit together. */
  async append(input: AuditEntryInput, manager?: EntityManager): Promise<AuditRow> {
    checkInput(input);
    const at = (input.at ?? this.clock.now()).toISOString();
    if (manager) return this.serialised(manager, () => this.insertNext(manager, input, at));
    return this.db.transaction((m) => this.insertNext(m, input, at));
  }

  /** Walks the whole chain in seq order, a batch at a time, and says where it first breaks. */
  async verify(batchSize = AuditService.BATCH): Promise<VerifyResult> {
    const m = this.db.reader;
    let state: WalkState = START;
    for (;;) {
      const rows = await this.rows.batch(m, state.nextSeq, batchSize);
      const next = walkBatch(state, rows.map(rowToChained));
      if ('brokenAt' in next)
        return { ok: false, entries: await this.rows.count(m), firstBrokenAt: next.brokenAt };
      state = next;
      if (rows.length < batchSize) break;
    }
    // Rows deleted from the end leave no gap, but the highest seq issued is still remembered.
    if ((await this.rows.highestIssued(m)) >= state.nextSeq) {
      return { ok: false, entries: await this.rows.count(m), firstBrokenAt: state.nextSeq };
    }
    return { ok: true, entries: state.entries };
  }

  private async insertNext(m: EntityManager, input: AuditEntryInput, at: string): Promise<AuditRow> {
    const last = await this.rows.last(m);
    const seq = Math.max(last?.seq ?? 0, await this.rows.highestIssued(m)) + 1;
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
    await this.rows.insert(m, row);
    return row;
  }

  private serialised<T>(m: EntityManager, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(m) ?? Promise.resolve();
    const run = previous.then(work, work);
    this.queues.set(
      m,
      run.catch(() => undefined),
    );
    return run;
  }
}
