import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/database';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export type StoredAnswer = Pick<IdempotencyKeyEntity, 'status' | 'body' | 'contentType'>;
/** A key is the caller's pharmacy's: (pharmacy, `<terminal>:<key>`) is the primary key. */
export type ScopedKey = Pick<IdempotencyKeyEntity, 'pharmacyId' | 'scopedKey'>;

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
  async claim(m: EntityManager, key: ScopedKey, requestHash: string, owner: string): Promise<boolean> {
    try {
      await this.rows(m).insert({
        pharmacyId: key.pharmacyId,
        scopedKey: key.scopedKey,
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

  find(m: EntityManager, key: ScopedKey): Promise<IdempotencyKeyEntity | null> {
    return this.rows(m).findOneBy({ pharmacyId: key.pharmacyId, scopedKey: key.scopedKey });
  }

  /** The answer the request gave, replayed for the same key from now on. */
  async answer(m: EntityManager, key: ScopedKey, answer: StoredAnswer): Promise<void> {
    await this.rows(m).update(
      { pharmacyId: key.pharmacyId, scopedKey: key.scopedKey },
      { state: 'done', owner: null, ...answer },
    );
  }

  /** Frees the key (a transient failure: the client's retry runs the request again). */
  async release(m: EntityManager, key: ScopedKey): Promise<void> {
    await this.rows(m).delete({ pharmacyId: key.pharmacyId, scopedKey: key.scopedKey });
  }

  /**
   * Frees the key if the request holding it died: taken before `before` and never answered, or held by an
   * instance not among `alive` (when given).
   */
  async releaseStale(m: EntityManager, key: ScopedKey, before: Date, alive?: string[]): Promise<void> {
    const qb = this.rows(m)
      .createQueryBuilder()
      .delete()
      .where('"pharmacyId" = :pharmacyId AND "scopedKey" = :scopedKey AND "state" = \'in-progress\'', {
        pharmacyId: key.pharmacyId,
        scopedKey: key.scopedKey,
      });
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
