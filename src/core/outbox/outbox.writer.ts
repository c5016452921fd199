import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { lockKey } from '../database/database';
import { OutboxExecutionEntity, OutboxKind } from './outbox-execution.entity';
import { OutboxRepository } from './outbox.repository';

export interface OutboxAppend {
  prescriptionId: string;
  kind: OutboxKind;
  payload: Record<string, unknown>;
  dispensationId?: string;
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
   * The prescription is locked for the rest of that transaction (PostgreSQL: another instance numbering
   * the same prescription waits), and the unique (prescription, sequence) index refuses a shared number.
   */
  async append(manager: EntityManager, item: OutboxAppend): Promise<Appended> {
    await lockKey(manager, `outbox:${item.prescriptionId}`);
    const sequence = await this.rows.nextSequence(manager, item.prescriptionId);
    const now = this.clock.now();
    const executionId = randomUUID();
    const row: OutboxExecutionEntity = {
      id: executionId,
      prescriptionId: item.prescriptionId,
      sequence,
      kind: item.kind,
      dispensationId: item.dispensationId ?? null,
      payload: item.payload,
      status: 'queued',
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
}
