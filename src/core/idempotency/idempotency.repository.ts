import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/database';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export type StoredAnswer = Pick<IdempotencyKeyEntity, 'status' | 'body' | 'contentType'>;

/** Idempotency keys: the primary key decides which request holds a key, whichever instance it reached. */
@Injectable()
export class IdempotencyRepository {
  private rows(m: EntityManager) {
    return m.getRepository(IdempotencyKeyEntity);
  }

  /**
   * Takes the key for a request (its own transaction: a refused insert ends it); false when the key is
   * already held or answered.
   */
  async claim(m: EntityManager, scopedKey: string, requestHash: string, owner: string): Promise<boolean> {
    try {
      await this.rows(m).insert({
        scopedKey,
        requestHash,
        state: 'in-progress',
        owner,
        status: null,
        body: null,
        contentType: null,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  find(m: EntityManager, scopedKey: string): Promise<IdempotencyKeyEntity | null> {
    return this.rows(m).findOneBy({ scopedKey });
  }

  /** The answer the request gave, replayed for the same key from now on. */
  async answer(m: EntityManager, scopedKey: string, answer: StoredAnswer): Promise<void> {
    await this.rows(m).update(scopedKey, { state: 'done', owner: null, ...answer });
  }

  /** Frees the key (a transient failure: the client's retry runs the request again). */
  async release(m: EntityManager, scopedKey: string): Promise<void> {
    await this.rows(m).delete(scopedKey);
  }

  /**
   * Frees the key if the request holding it died: taken before `before` and never answered, or held by an
   * instance not among `alive` (when given).
   */
  async releaseStale(m: EntityManager, scopedKey: string, before: Date, alive?: string[]): Promise<void> {
    const qb = this.rows(m)
      .createQueryBuilder()
      .delete()
      .where('"scopedKey" = :scopedKey AND "state" = \'in-progress\'', { scopedKey });
    if (alive?.length) {
      qb.andWhere('("createdAt" < :before OR "owner" IS NULL OR "owner" NOT IN (:...alive))', {
        before,
        alive,
      });
    } else {
      qb.andWhere('"createdAt" < :before', { before });
    }
    await qb.execute();
  }

  /** Frees every key left in progress (at start, by a process that was killed mid-request). */
  async releaseInProgress(m: EntityManager): Promise<number> {
    const { affected } = await this.rows(m).delete({ state: 'in-progress' });
    return affected ?? 0;
  }
}
