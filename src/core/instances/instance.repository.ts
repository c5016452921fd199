import { Injectable } from '@nestjs/common';
import { EntityManager, LessThan, MoreThanOrEqual, Not } from 'typeorm';
import { InstanceEntity } from './instance.entity';

/** The instances sharing the database and their heartbeats. */
@Injectable()
export class InstanceRepository {
  private rows(m: EntityManager) {
    return m.getRepository(InstanceEntity);
  }

  async register(m: EntityManager, row: InstanceEntity): Promise<void> {
    await this.rows(m).insert(row);
  }

  /** Records a heartbeat; false when the row is gone (removed as dead by another instance). */
  async beat(m: EntityManager, id: string, seenAt: Date): Promise<boolean> {
    const { affected } = await this.rows(m).update({ id }, { seenAt });
    return (affected ?? 0) > 0;
  }

  async remove(m: EntityManager, id: string): Promise<void> {
    await this.rows(m).delete({ id });
  }

  /** Removes every instance but `keep` (SQLite at start: one process owns the file, the others are gone). */
  async removeOthers(m: EntityManager, keep: string): Promise<number> {
    const { affected } = await this.rows(m).delete({ id: Not(keep) });
    return affected ?? 0;
  }

  /** Removes the rows of instances that last beat before `before`. */
  async forget(m: EntityManager, before: Date): Promise<void> {
    await this.rows(m).delete({ seenAt: LessThan(before) });
  }

  /** Ids of the instances that beat at or after `since`. */
  async alive(m: EntityManager, since: Date): Promise<string[]> {
    const rows = await this.rows(m).find({ select: { id: true }, where: { seenAt: MoreThanOrEqual(since) } });
    return rows.map((r) => r.id);
  }

  list(m: EntityManager): Promise<InstanceEntity[]> {
    return this.rows(m).find({ order: { startedAt: 'ASC' } });
  }
}
