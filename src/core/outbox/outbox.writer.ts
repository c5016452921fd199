import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { lockKey } from '../database/database';
import { OutboxExecutionEntity, OutboxKind } from './outbox-execution.entity';
import { OutboxRepository } from './outbox.repository';

export interface OutboxAppend {
  /** The executing pharmacy: the sequence is per prescription and per pharmacy (API.md). */
  pharmacyId: string;
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
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    private readonly rows: OutboxRepository,
  ) {}

  /**
   * `manager` must be the caller's transaction: the row commits or rolls back with the act that owes it.
   * The pharmacy's prescription is locked for the rest of that transaction (PostgreSQL: another instance
   * numbering it waits), and the unique (pharmacy, prescription, sequence) index refuses a shared number.
   */
  async append(manager: EntityManager, item: OutboxAppend): Promise<Appended> {
    await lockKey(manager, `outbox:${item.pharmacyId}:${item.prescriptionId}`);
    const sequence =
      item.sequence ?? (await this.rows.nextSequence(manager, item.pharmacyId, item.prescriptionId));
    const now = this.clock.now();
    const executionId = randomUUID();
    const row: OutboxExecutionEntity = {
      pharmacyId: item.pharmacyId,
      id: executionId,
      prescriptionId: item.prescriptionId,
      sequence,
      kind: item.kind,
      dispensationId: item.dispensationId ?? null,
      cancels: item.cancels ?? null,
      payload: item.payload,
      status: item.status ?? 'queued',
      attempts: 0,
      claimedBy: null,
      lastError: null,
      acknowledgement: null,
      acknowledgedAt: null,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    };
    await this.rows.insert(manager, row);
    return { executionId, sequence };
  }

  /**
   * A call the teleservice never recorded is not sent: it becomes `cancelled` and a cancellation of its own
   * number takes its place (`cancels: N`, API.md § Executions), so the sequence keeps no gap. `from` guards
   * the call's state; undefined when it was no longer in it.
   */
  async replaceWithCancellation(
    manager: EntityManager,
    call: Pick<OutboxExecutionEntity, 'id' | 'pharmacyId' | 'prescriptionId' | 'sequence' | 'dispensationId'>,
    from: OutboxExecutionEntity['status'],
    reason: string,
  ): Promise<Appended | undefined> {
    if (!(await this.rows.cancel(manager, call.id, this.clock.now(), from))) return undefined;
    return this.append(manager, {
      pharmacyId: call.pharmacyId,
      prescriptionId: call.prescriptionId,
      kind: 'cancellation',
      payload: { executionSequence: call.sequence, reason },
      cancels: call.sequence,
      sequence: call.sequence,
      ...(call.dispensationId ? { dispensationId: call.dispensationId } : {}),
    });
  }
}
