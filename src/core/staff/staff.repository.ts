import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lockKey } from '../database/database';
import { TerminalOperatorEntity } from '../terminals/terminal-operator.entity';
import { StaffEntity } from './staff.entity';

/** The staff registry's rows, per pharmacy. */
@Injectable()
export class StaffRepository {
  private rows(m: EntityManager) {
    return m.getRepository(StaffEntity);
  }

  list(m: EntityManager, pharmacyId: string): Promise<StaffEntity[]> {
    return this.rows(m).find({ where: { pharmacyId }, order: { lastName: 'ASC', firstName: 'ASC' } });
  }

  find(m: EntityManager, pharmacyId: string, rpps: string): Promise<StaffEntity | null> {
    return this.rows(m).findOneBy({ pharmacyId, rpps });
  }

  /**
   * The person's row locked until the caller's transaction ends (PostgreSQL `FOR UPDATE`; SQLite has one
   * writer): two code checks on two instances count their attempts one after the other.
   */
  findForUpdate(m: EntityManager, pharmacyId: string, rpps: string): Promise<StaffEntity | null> {
    const qb = this.rows(m)
      .createQueryBuilder('s')
      .where('s.pharmacyId = :pharmacyId AND s.rpps = :rpps', { pharmacyId, rpps });
    if (m.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Inserts a row unless the person is already there (configuration seeding); true when inserted. */
  async insertIfMissing(m: EntityManager, row: StaffEntity): Promise<boolean> {
    await lockKey(m, `staff:${row.pharmacyId}:${row.rpps}`);
    if (await this.rows(m).existsBy({ pharmacyId: row.pharmacyId, rpps: row.rpps })) return false;
    await this.rows(m).insert(row);
    return true;
  }

  async upsert(m: EntityManager, row: StaffEntity): Promise<void> {
    await this.rows(m).upsert(row, ['pharmacyId', 'rpps']);
  }

  async update(
    m: EntityManager,
    pharmacyId: string,
    rpps: string,
    patch: Pick<Partial<StaffEntity>, 'failedCodes' | 'lockedUntil'>,
  ): Promise<void> {
    await this.rows(m).update({ pharmacyId, rpps }, patch);
  }

  /** Removes the person and unsets them on every terminal; false when they were not there. */
  async delete(m: EntityManager, pharmacyId: string, rpps: string): Promise<boolean> {
    const { affected } = await this.rows(m).delete({ pharmacyId, rpps });
    if (!affected) return false;
    await m.getRepository(TerminalOperatorEntity).delete({ pharmacyId, rpps });
    return true;
  }
}
