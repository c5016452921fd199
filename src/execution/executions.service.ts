import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere, Raw, Repository } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/clock/clock';
import { OutboxExecutionEntity, OutboxStatus } from '../core/outbox/outbox-execution.entity';
import { notifyOutboxAppended } from '../core/outbox/outbox.events';
import { OutboxWriter } from '../core/outbox/outbox.writer';
import { WriteLock } from '../core/database/write-lock';
import { ExecutionException } from './execution.exception';
import { OutboxStore } from './outbox-store';
import { EXECUTION_DETAILS } from './error-messages';

const DISPENSATIONS_OF_TERMINAL = `SELECT "id" FROM "dispensations" WHERE "terminalId" = :terminalId`;

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
  return view;
}

/** Back-office reads and operator actions on the outbox (the dispatcher does the delivering). */
@Injectable()
export class ExecutionsService {
  constructor(
    @InjectRepository(OutboxExecutionEntity) private readonly rows: Repository<OutboxExecutionEntity>,
    private readonly db: DataSource,
    private readonly lock: WriteLock,
    private readonly writer: OutboxWriter,
    private readonly audit: AuditService,
    private readonly emitter: EventEmitter2,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(query: {
    status?: OutboxStatus;
    prescriptionId?: string;
    terminalId?: string;
  }): Promise<ExecutionView[]> {
    const where: FindOptionsWhere<OutboxExecutionEntity> = {};
    if (query.status) where.status = query.status;
    if (query.prescriptionId) where.prescriptionId = query.prescriptionId;
    if (query.terminalId) {
      where.dispensationId = Raw((column) => `${column} IN (${DISPENSATIONS_OF_TERMINAL})`, {
        terminalId: query.terminalId,
      });
    }
    const found = await this.rows.find({
      where,
      order: { prescriptionId: 'ASC', sequence: 'ASC' },
      take: 1000,
    });
    return found.map(toView);
  }

  /** The dispensation an outbox call belongs to (null for none); 404 EXECUTION_NOT_FOUND. */
  async dispensationOf(id: string): Promise<string | null> {
    const row = await this.rows.findOne({ where: { id }, select: { id: true, dispensationId: true } });
    if (!row)
      throw new ExecutionException(
        'EXECUTION_NOT_FOUND',
        EXECUTION_DETAILS.EXECUTION_NOT_FOUND.unknown({ id }),
      );
    return row.dispensationId;
  }

  async get(id: string): Promise<ExecutionView> {
    return toView(await this.row(id));
  }

  /** parked → queued, due now: the operator fixed the cause (or wants to see the fault again). */
  async retry(id: string, terminalId: string): Promise<ExecutionView> {
    const row = await this.row(id);
    const now = this.clock.now();
    const store = new OutboxStore(this.db, this.lock);
    await this.lock.transaction(async (m) => {
      const moved =
        row.status === 'parked' && (await store.requeue(m, id, 'parked', now, row.lastError, now));
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
   * parked → cancelled, and (for an execution) an `annulerExecution` of its sequence queued behind the
   * prescription's other calls, in the same transaction. Later calls of the prescription are unblocked.
   */
  async cancel(
    id: string,
    reason: string,
    terminalId: string,
  ): Promise<ExecutionView & { cancellation?: string }> {
    const now = this.clock.now();
    const result = await this.lock.transaction(async (m) => {
      const row = await m.getRepository(OutboxExecutionEntity).findOneBy({ id });
      if (!row)
        throw new ExecutionException(
          'EXECUTION_NOT_FOUND',
          EXECUTION_DETAILS.EXECUTION_NOT_FOUND.unknown({ id }),
        );
      const changed = await m
        .getRepository(OutboxExecutionEntity)
        .update({ id, status: 'parked' }, { status: 'cancelled', updatedAt: now });
      if (changed.affected !== 1) {
        throw new ExecutionException(
          'EXECUTION_NOT_PARKED',
          EXECUTION_DETAILS.EXECUTION_NOT_PARKED.status({ id, status: row.status }),
        );
      }
      let cancellation: string | undefined;
      if (row.kind === 'execution') {
        const appended = await this.writer.append(m, {
          prescriptionId: row.prescriptionId,
          kind: 'cancellation',
          payload: { executionSequence: row.sequence, reason },
          ...(row.dispensationId ? { dispensationId: row.dispensationId } : {}),
        });
        cancellation = appended.executionId;
      }
      await this.audit.append(
        {
          action: 'execution.cancelled',
          actor: { kind: 'terminal' },
          terminalId,
          subject: { type: 'execution', id },
          data: {
            prescriptionId: row.prescriptionId,
            sequence: row.sequence,
            reason,
            cancellation: cancellation ?? null,
          },
        },
        m,
      );
      return { prescriptionId: row.prescriptionId, cancellation };
    });
    notifyOutboxAppended(this.emitter, result.prescriptionId);
    const view = await this.get(id);
    return result.cancellation ? { ...view, cancellation: result.cancellation } : view;
  }

  private async row(id: string): Promise<OutboxExecutionEntity> {
    const row = await this.rows.findOneBy({ id });
    if (!row)
      throw new ExecutionException(
        'EXECUTION_NOT_FOUND',
        EXECUTION_DETAILS.EXECUTION_NOT_FOUND.unknown({ id }),
      );
    return row;
  }
}
