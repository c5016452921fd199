import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ScanEntity } from './scan.entity';

/** The scans' trail. */
@Injectable()
export class ScanRepository {
  async insert(m: EntityManager, row: QueryDeepPartialEntity<ScanEntity>): Promise<void> {
    await m.getRepository(ScanEntity).insert(row);
  }

  find(m: EntityManager, id: string): Promise<ScanEntity | null> {
    return m.getRepository(ScanEntity).findOneBy({ id });
  }
}
