import { Injectable } from '@nestjs/common';
import { EntityManager, LessThan } from 'typeorm';
import { SessionEntity } from './session.entity';

/** Page sessions' rows, shared by every instance on the same database. */
@Injectable()
export class SessionRepository {
  private rows(m: EntityManager) {
    return m.getRepository(SessionEntity);
  }

  async insert(m: EntityManager, row: SessionEntity): Promise<void> {
    await this.rows(m).insert(row);
  }

  find(m: EntityManager, key: string): Promise<SessionEntity | null> {
    return this.rows(m).findOneBy({ key });
  }

  async extend(m: EntityManager, key: string, expiresAt: Date): Promise<void> {
    await this.rows(m).update({ key }, { expiresAt });
  }

  async delete(m: EntityManager, key: string): Promise<void> {
    await this.rows(m).delete({ key });
  }

  /** Drops the sessions that expired before `now`. */
  async deleteExpired(m: EntityManager, now: Date): Promise<void> {
    await this.rows(m).delete({ expiresAt: LessThan(now) });
  }

  count(m: EntityManager): Promise<number> {
    return this.rows(m).count();
  }
}
