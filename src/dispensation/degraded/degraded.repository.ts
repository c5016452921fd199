import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { OutboxExecutionEntity } from '../../core/outbox/outbox-execution.entity';
import { DispensationEntity } from '../dispensation.entity';

/** Dispensations still waiting for the teleservice, by state: the recovery's work list. */
const WAITING: DispensationEntity['status'][] = ['open', 'validated', 'acknowledged', 'invoiced'];

/**
 * The degraded mode's reads and writes (ARCHITECTURE.md § Data: the only place they are built), in the
 * caller's transaction or read through its manager: dispensations opened without the teleservice, and the
 * outbox calls their validation holds.
 */
@Injectable()
export class DegradedRepository {
  /** Degraded dispensations whose transcription was not compared yet. */
  async awaitingRetrieval(m: EntityManager, limit = 100): Promise<DispensationEntity[]> {
    const rows = await m.find(DispensationEntity, {
      where: { degraded: true, status: In(WAITING) },
      order: { createdAt: 'ASC' },
      take: limit * 4,
    });
    return rows.filter((d) => d.transcription?.state === 'pending').slice(0, limit);
  }

  /** held → queued, due now: the calls of a dispensation whose transcription was found equal or confirmed. */
  async releaseHeld(m: EntityManager, dispensationId: string, now: Date): Promise<number> {
    const { affected } = await m.update(
      OutboxExecutionEntity,
      { dispensationId, status: 'held' },
      { status: 'queued', nextAttemptAt: now, updatedAt: now },
    );
    return affected ?? 0;
  }

  /** The dispensation's calls never sent (held, or queued behind them), lowest number first. */
  unsent(m: EntityManager, dispensationId: string): Promise<OutboxExecutionEntity[]> {
    return m.find(OutboxExecutionEntity, {
      where: { dispensationId, status: In(['held', 'queued']), attempts: 0 },
      order: { sequence: 'ASC' },
    });
  }
}
