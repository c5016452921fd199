import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { engineOfManager } from '../database/database';
import { GENESIS_HASH } from './audit-chain';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditHeadEntity } from './audit-head.entity';
import type { AuditRow } from './audit-row';

/** The audit trail's queries: one append-only chain per pharmacy, in `chainSeq` order (docs/acts.md). */
@Injectable()
export class AuditRepository {
  private rows(m: EntityManager) {
    return m.getRepository(AuditEntryEntity);
  }

  private heads(m: EntityManager) {
    return m.getRepository(AuditHeadEntity);
  }

  /**
   * The pharmacy's chain head, locked until the caller's transaction ends (PostgreSQL `FOR UPDATE`; SQLite
   * has one writer): appends by two instances to one chain happen one after the other. Created empty
   * (chainSeq 0) for a pharmacy's first entry.
   */
  async lockHead(m: EntityManager, pharmacyId: string): Promise<AuditHeadEntity> {
    await this.heads(m)
      .createQueryBuilder()
      .insert()
      .values({ pharmacyId, chainSeq: 0, hash: GENESIS_HASH })
      .orIgnore()
      .execute();
    const qb = this.heads(m).createQueryBuilder('h').where('h.pharmacyId = :pharmacyId', { pharmacyId });
    if (engineOfManager(m) === 'postgres') qb.setLock('pessimistic_write');
    return (await qb.getOne())!;
  }

  /** The head as last written, or undefined (verification: it says how long the chain should be). */
  async head(m: EntityManager, pharmacyId: string): Promise<AuditHeadEntity | undefined> {
    return (await this.heads(m).findOneBy({ pharmacyId })) ?? undefined;
  }

  /** Appends an entry (`seq` is the database's) and moves the head onto it. */
  async append(m: EntityManager, row: Omit<AuditRow, 'seq'>): Promise<void> {
    await this.rows(m).insert(row);
    await this.heads(m).update({ pharmacyId: row.pharmacyId }, { chainSeq: row.chainSeq, hash: row.hash });
  }

  /** Up to `limit` entries of a pharmacy's chain from `fromChainSeq` on, in chain order. */
  batch(m: EntityManager, pharmacyId: string, fromChainSeq: number, limit: number): Promise<AuditRow[]> {
    return this.rows(m)
      .createQueryBuilder('a')
      .where('a.pharmacyId = :pharmacyId AND a.chainSeq >= :fromChainSeq', { pharmacyId, fromChainSeq })
      .orderBy('a.chainSeq', 'ASC')
      .limit(limit)
      .getMany();
  }

  count(m: EntityManager, pharmacyId: string): Promise<number> {
    return this.rows(m).countBy({ pharmacyId });
  }

  /** Every pharmacy with a chain (the command line verifies each). */
  async pharmacies(m: EntityManager): Promise<string[]> {
    const rows = await this.rows(m)
      .createQueryBuilder('a')
      .select('DISTINCT a.pharmacyId', 'pharmacyId')
      .getRawMany<{ pharmacyId: string }>();
    const heads = await this.heads(m).find({ select: { pharmacyId: true } });
    return [...new Set([...rows.map((r) => r.pharmacyId), ...heads.map((h) => h.pharmacyId)])].sort();
  }
}
