import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { Pharmacies } from '../config/pharmacies';
import { Database } from '../database/database';
import { CoreException } from '../errors/core.exception';
import { AuditEntryInput, entryHash, START, VerifyResult, walkBatch, WalkState } from './audit-chain';
import { assertAuditDataClean } from './audit-data.guard';
import { actorColumns, AuditRow, rowToChained } from './audit-row';
import { AuditRepository } from './audit.repository';
import { canonicalJson } from './canonical-json';
import { CORE_DETAILS } from '../errors/error-messages';
import { Text } from '../i18n/messages';

const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

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
 * The append-only, hash-chained audit trail (docs/acts.md § Audit trail): one chain per pharmacy.
 *
 * Serialisation: the chain's head row is locked, read, and moved onto the new entry in one transaction
 * (the caller's when a manager is given, else one of its own), so two appends, from one instance or two,
 * never both link to the same predecessor; (pharmacyId, chainSeq) is unique besides. Appends a single
 * transaction starts in parallel are queued per transaction.
 */
@Injectable()
export class AuditService {
  static readonly BATCH = 500;
  private readonly queues = new WeakMap<EntityManager, Promise<unknown>>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly rows: AuditRepository,
    private readonly pharmacyOf: Pharmacies,
  ) {}

  /** Appends one entry; pass the caller's transactional manager so the act and its entry commit together. */
  async append(input: AuditEntryInput, manager?: EntityManager): Promise<AuditRow> {
    checkInput(input);
    const at = (input.at ?? this.clock.now()).toISOString();
    if (manager) return this.serialised(manager, () => this.insertNext(manager, input, at));
    return this.db.transaction((m) => this.insertNext(m, input, at));
  }

  /** Walks a pharmacy's chain in order, a batch at a time, and says where it first breaks. */
  async verify(pharmacyId: string, batchSize = AuditService.BATCH): Promise<VerifyResult> {
    const m = this.db.reader;
    let state: WalkState = START;
    for (;;) {
      const rows = await this.rows.batch(m, pharmacyId, state.nextSeq, batchSize);
      const next = walkBatch(state, rows.map(rowToChained));
      if ('brokenAt' in next) {
        return { ok: false, entries: await this.rows.count(m, pharmacyId), firstBrokenAt: next.brokenAt };
      }
      state = next;
      if (rows.length < batchSize) break;
    }
    // Entries deleted from the end leave no gap, but the head still says how long the chain was.
    const head = await this.rows.head(m, pharmacyId);
    if (head && head.chainSeq >= state.nextSeq) {
      return { ok: false, entries: await this.rows.count(m, pharmacyId), firstBrokenAt: state.nextSeq };
    }
    return { ok: true, entries: state.entries };
  }

  /** Every pharmacy that has a chain. */
  pharmacies(): Promise<string[]> {
    return this.rows.pharmacies(this.db.reader);
  }

  private async insertNext(m: EntityManager, input: AuditEntryInput, at: string): Promise<AuditRow> {
    const pharmacyId = this.pharmacyOf.resolve(input.pharmacyId, input.terminalId);
    const head = await this.rows.lockHead(m, pharmacyId);
    const chainSeq = head.chainSeq + 1;
    const data = input.data ?? {};
    const entry = {
      seq: chainSeq,
      at,
      actor: input.actor,
      terminalId: input.terminalId ?? null,
      action: input.action,
      subject: { type: input.subject.type, id: input.subject.id },
      data,
      prevHash: head.hash,
    };
    const row: Omit<AuditRow, 'seq'> = {
      pharmacyId,
      chainSeq,
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
    await this.rows.append(m, row);
    return row as AuditRow;
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
