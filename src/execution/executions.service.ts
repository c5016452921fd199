import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/clock/clock';
import { Database } from '../core/database/database';
import { OutboxExecutionEntity, OutboxStatus } from '../core/outbox/outbox-execution.entity';
import { notifyOutboxAppended } from '../core/outbox/outbox.events';
import { OutboxRepository } from '../core/outbox/outbox.repository';
import { OutboxWriter } from '../core/outbox/outbox.writer';
import { ExecutionException } from './execution.exception';

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
    private readonly rows: OutboxRepository,
    private readonly db: Database,
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
    return (await this.rows.list(this.db.reader, query)).map(toView);
  }

  /** The dispensation an outbox call belongs to (null for none); 404 EXECUTION_NOT_FOUND. */
  async dispensationOf(id: string): Promise<string | null> {
    const row = await this.rows.find(this.db.reader, id);
    if (!row) throw new ExecutionException('EXECUTION_NOT_FOUND', `no execution ${id}`);
    return row.dispensationId;
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
      if (!moved) throw new ExecutionException('EXECUTION_NOT_PARKED', `execution ${id} is ${row.status}`);
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
    const result = await this.db.transaction(async (m) => {
      const row = await this.rows.find(m, id);
      if (!row) throw new ExecutionException('EXECUTION_NOT_FOUND', `no execution ${id}`);
      if (!(await this.rows.cancel(m, id, now))) {
        throw new ExecutionException('EXECUTION_NOT_PARKED', `execution ${id} is ${row.status}`);
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
    const row = await this.rows.find(this.db.reader, id);
    if (!row) throw new ExecutionException('EXECUTION_NOT_FOUND', `no execution ${id}`);
    return row;
  }
}
