import { personActor } from '../core/audit/audit-chain';
import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/clock/clock';
import { Database } from '../core/database/database';
import { OutboxExecutionEntity, OutboxStatus } from '../core/outbox/outbox-execution.entity';
import { notifyOutboxAppended } from '../core/outbox/outbox.events';
import { OutboxRepository } from '../core/outbox/outbox.repository';
import { Appended, OutboxWriter } from '../core/outbox/outbox.writer';
import { TerminalsService } from '../core/terminals/terminals.service';
import type { DispensationEntity } from '../dispensation/dispensation.entity';
import { DispensationRepository } from '../dispensation/dispensation.repository';
import { DispensationService } from '../dispensation/dispensation.service';
import { ExecutionException } from './execution.exception';
import { EXECUTION_DETAILS } from './error-messages';

/** Dispensations whose execution, once acknowledged, may be cancelled (they become `cancelled`). */
const CANCELLABLE_DISPENSATION: DispensationEntity['status'][] = [
  'acknowledged',
  'invoiced',
  'rejected',
  'validated',
];

/** An outbox row as API.md shows it. */
export interface ExecutionView {
  executionId: string;
  prescriptionId: string;
  sequence: number;
  kind: OutboxExecutionEntity['kind'];
  status: OutboxStatus;
  attempts: number;
  lastError?: string;
  /** When validation (or invoicing, cancellation) queued it. */
  createdAt: string;
  acknowledgedAt?: string;
  dispensationId?: string;
  /** A cancellation: the sequence it cancels (its own when the call it replaces was never recorded). */
  cancels?: number;
}

export function toView(row: OutboxExecutionEntity): ExecutionView {
  const view: ExecutionView = {
    executionId: row.id,
    prescriptionId: row.prescriptionId,
    sequence: row.sequence,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    createdAt: new Date(row.createdAt).toISOString(),
  };
  if (row.lastError) view.lastError = row.lastError;
  if (row.acknowledgedAt) view.acknowledgedAt = new Date(row.acknowledgedAt).toISOString();
  if (row.dispensationId) view.dispensationId = row.dispensationId;
  if (row.cancels !== null && row.cancels !== undefined) view.cancels = row.cancels;
  return view;
}

/** 404 EXECUTION_NOT_FOUND: no outbox call of that id, or another pharmacy's. */
export const unknownExecution = (id: string) =>
  new ExecutionException('EXECUTION_NOT_FOUND', EXECUTION_DETAILS.EXECUTION_NOT_FOUND.unknown({ id }));

/** Back-office reads and operator actions on the outbox (the dispatcher does the delivering). */
@Injectable()
export class ExecutionsService {
  constructor(
    private readonly rows: OutboxRepository,
    private readonly db: Database,
    private readonly writer: OutboxWriter,
    private readonly audit: AuditService,
    private readonly emitter: EventEmitter2,
    private readonly terminals: TerminalsService,
    private readonly dispensations: DispensationService,
    private readonly dispensationRows: DispensationRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The pharmacy's outbox calls. */
  async list(
    pharmacyId: string,
    query: { status?: OutboxStatus; prescriptionId?: string; terminalId?: string },
  ): Promise<ExecutionView[]> {
    return (await this.rows.list(this.db.reader, pharmacyId, query)).map(toView);
  }

  /** The pharmacy and the dispensation (null for none) an outbox call belongs to; 404 EXECUTION_NOT_FOUND. */
  async ownerOf(id: string): Promise<{ pharmacyId: string; dispensationId: string | null }> {
    const row = await this.row(id);
    return { pharmacyId: row.pharmacyId, dispensationId: row.dispensationId };
  }

  async get(id: string): Promise<ExecutionView> {
    return toView(await this.row(id));
  }

  /** parked → queued, due now: the operator fixed the cause (or wants to see the fault again). */
  async retry(id: string, terminalId: string): Promise<ExecutionView> {
    const row = await this.row(id);
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      const moved =
        row.status === 'parked' && (await this.rows.requeue(m, id, 'parked', now, row.lastError, now));
      if (!moved)
        throw new ExecutionException(
          'EXECUTION_NOT_PARKED',
          EXECUTION_DETAILS.EXECUTION_NOT_PARKED.status({ id, status: row.status }),
        );
      await this.audit.append(
        {
          action: 'execution.retried',
          actor: { kind: 'terminal' },
          terminalId,
          pharmacyId: row.pharmacyId,
          subject: { type: 'execution', id },
          data: { prescriptionId: row.prescriptionId, sequence: row.sequence },
        },
        m,
      );
    });
    notifyOutboxAppended(this.emitter, row.prescriptionId);
    return this.get(id);
  }

  /**
   * `POST /api/v1/executions/:id/cancel` (API.md § Executions and invoicing), idempotent per call:
   * - a parked call the teleservice never recorded is not sent: a cancellation of its own number N takes
   *   its place (`cancels: N`), so the sequence keeps no gap; one parked because the teleservice holds N
   *   with another payload (EXECUTION_CONFLICT) is cancelled by the next number;
   * - an acknowledged execution N is cancelled by a cancellation with the next number M (`cancels: N`);
   *   its dispensation becomes `cancelled` and the prescription can be dispensed again. After invoicing,
   *   only a pharmacien may.
   * Everything in one transaction, audited.
   */
  async cancel(
    id: string,
    reason: string,
    terminalId: string,
  ): Promise<ExecutionView & { cancellation?: string }> {
    const now = this.clock.now();
    const result = await this.db.transaction(async (m) => {
      const row = await this.rows.find(m, id);
      if (!row)
        throw new ExecutionException(
          'EXECUTION_NOT_FOUND',
          EXECUTION_DETAILS.EXECUTION_NOT_FOUND.unknown({ id }),
        );
      const before = await this.existingCancellation(m, row);
      if (before) return { prescriptionId: row.prescriptionId, cancellation: before, fresh: false };
      const cancellable =
        row.status === 'parked' || (row.status === 'acknowledged' && row.kind === 'execution');
      if (!cancellable) {
        throw new ExecutionException(
          'EXECUTION_NOT_CANCELLABLE',
          EXECUTION_DETAILS.EXECUTION_NOT_CANCELLABLE.status({ id, status: row.status }),
        );
      }
      const operator = await this.terminals.operator(terminalId, row.pharmacyId);
      const d = row.dispensationId ? await this.dispensationRows.find(m, row.dispensationId) : null;
      if (d?.status === 'invoiced' && operator?.role !== 'pharmacien') {
        throw new ExecutionException(
          'CANCELLATION_NOT_ALLOWED',
          EXECUTION_DETAILS.CANCELLATION_NOT_ALLOWED.afterInvoice(),
          {
            extra: { role: operator?.role ?? null },
          },
        );
      }
      let cancellation: Appended | undefined;
      if (row.status === 'parked' && !row.lastError?.startsWith('EXECUTION_CONFLICT')) {
        cancellation = await this.writer.replaceWithCancellation(m, row, 'parked', reason);
      } else {
        if (row.status === 'parked') await this.rows.cancel(m, id, now);
        cancellation = await this.writer.append(m, {
          pharmacyId: row.pharmacyId,
          prescriptionId: row.prescriptionId,
          kind: 'cancellation',
          payload: { executionSequence: row.sequence, reason },
          cancels: row.sequence,
          ...(row.dispensationId ? { dispensationId: row.dispensationId } : {}),
        });
      }
      let closed: string | undefined;
      if (cancellation && d && row.kind === 'execution') {
        const closure = {
          status: 'cancelled' as const,
          reason,
          ...(operator ? { by: operator.rpps } : {}),
          at: now.toISOString(),
          cancellationId: cancellation.executionId,
        };
        for (const from of CANCELLABLE_DISPENSATION) {
          if (await this.dispensationRows.move(m, d.id, from, 'cancelled', now, { closure })) closed = d.id;
        }
      }
      if (!cancellation) {
        throw new ExecutionException(
          'EXECUTION_NOT_CANCELLABLE',
          EXECUTION_DETAILS.EXECUTION_NOT_CANCELLABLE.changed({ id }),
        );
      }
      await this.audit.append(
        {
          action: 'execution.cancelled',
          actor: operator ? personActor(operator) : { kind: 'terminal' },
          terminalId,
          pharmacyId: row.pharmacyId,
          subject: { type: 'execution', id },
          data: {
            prescriptionId: row.prescriptionId,
            sequence: row.sequence,
            status: row.status,
            reason,
            cancellation: cancellation.executionId,
            cancellationSequence: cancellation.sequence,
            dispensation: closed ?? null,
          },
        },
        m,
      );
      return {
        prescriptionId: row.prescriptionId,
        cancellation: cancellation.executionId,
        fresh: true,
        closed,
      };
    });
    if (result.fresh) notifyOutboxAppended(this.emitter, result.prescriptionId);
    if (result.closed) await this.dispensations.announce(result.closed);
    const view = await this.get(id);
    return { ...view, cancellation: result.cancellation };
  }

  /** A cancellation already queued for this call (a resent request): answered again, not duplicated. */
  private async existingCancellation(m: EntityManager, row: OutboxExecutionEntity) {
    if (row.status === 'cancelled') return (await this.rows.replacementOf(m, row))?.id;
    if (row.status === 'acknowledged' && row.kind === 'execution')
      return (await this.rows.liveCancellationOf(m, row))?.id;
    return undefined;
  }

  private async row(id: string): Promise<OutboxExecutionEntity> {
    const row = await this.rows.find(this.db.reader, id);
    if (!row) throw unknownExecution(id);
    return row;
  }
}
