import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { OutboxExecutionEntity, OutboxKind } from './outbox-execution.entity';

export interface OutboxAppend {
  prescriptionId: string;
  kind: OutboxKind;
  payload: Record<string, unknown>;
  dispensationId?: string;
  /** A cancellation: the sequence it cancels. */
  cancels?: number;
  /** `held` for an execution validated in degraded mode (sent once the prescription is compared). */
  status?: 'queued' | 'held';
  /** The number to use instead of the next one: a cancellation replacing a call never recorded. */
  sequence?: number;
}

export interface Appended {
  executionId: string;
  sequence: number;
}

/**
 * Appends a teleservice call to the outbox inside the caller's transaction (ARCHITECTURE.md: the outbox and
 * its writer live in core; the execution stage owns the dispatcher). The sequence is the next one for the
 * prescription: Comptoir numbers its own calls, so it can validate while the teleservice is down.
 */
@Injectable()
export class OutboxWriter {
  constructor(@Inject(Clock) private readonly clock: Clock) {}

  /** `manager` must be the caller's transaction: the row commits or rolls back with the act that owes it. */
  async append(manager: EntityManager, item: OutboxAppend): Promise<Appended> {
    const repo = manager.getRepository(OutboxExecutionEntity);
    const last = await repo
      .createQueryBuilder('o')
      .select('MAX(o.sequence)', 'max')
      .where('o.prescriptionId = :id', { id: item.prescriptionId })
      .getRawOne<{ max: number | null }>();
    const sequence = item.sequence ?? (last?.max ?? 0) + 1;
    const now = this.clock.now();
    const executionId = randomUUID();
    // The unique (prescriptionId, sequence) index makes a concurrent writer fail rather than share a number.
    const row: OutboxExecutionEntity = {
      id: executionId,
      prescriptionId: item.prescriptionId,
      sequence,
      kind: item.kind,
      dispensationId: item.dispensationId ?? null,
      cancels: item.cancels ?? null,
      payload: item.payload,
      status: item.status ?? 'queued',
      attempts: 0,
      lastError: null,
      acknowledgement: null,
      acknowledgedAt: null,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    };
    // JSON columns defeat insert()'s deep-partial typing; the row is complete.
    await repo.insert(row as Parameters<typeof repo.insert>[0]);
    return { executionId, sequence };
  }

  /**
   * A call the teleservice never recorded is not sent: it becomes `cancelled` and a cancellation of its own
   * number takes its place (`cancels: N`, API.md § Executions), so the sequence keeps no gap. `from` guards
   * the call's state; undefined when it was no longer in it.
   */
  async replaceWithCancellation(
    manager: EntityManager,
    call: Pick<OutboxExecutionEntity, 'id' | 'prescriptionId' | 'sequence' | 'dispensationId'>,
    from: OutboxExecutionEntity['status'],
    reason: string,
  ): Promise<Appended | undefined> {
    const { affected } = await manager.update(
      OutboxExecutionEntity,
      { id: call.id, status: from },
      { status: 'cancelled', updatedAt: this.clock.now() },
    );
    if (affected !== 1) return undefined;
    return this.append(manager, {
      prescriptionId: call.prescriptionId,
      kind: 'cancellation',
      payload: { executionSequence: call.sequence, reason },
      cancels: call.sequence,
      sequence: call.sequence,
      ...(call.dispensationId ? { dispensationId: call.dispensationId } : {}),
    });
  }
}
