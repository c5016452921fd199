import { Injectable } from '@nestjs/common';
import { DispensationEntity } from './dispensation.entity';
import { EntityManager } from 'typeorm';
import { DispensationPackEntity } from './dispensation-pack.entity';

/** Packs and manual deliveries on dispensations. */
@Injectable()
export class PackRepository {
  private rows(m: EntityManager) {
    return m.getRepository(DispensationPackEntity);
  }

  /** A dispensation's packs and manual deliveries, in the order they were added. */
  rowsOf(m: EntityManager, dispensationId: string): Promise<DispensationPackEntity[]> {
    return this.rows(m).find({ where: { dispensationId }, order: { seq: 'ASC', createdAt: 'ASC' } });
  }

  count(m: EntityManager, dispensationId: string): Promise<number> {
    return this.rows(m).countBy({ dispensationId });
  }

  /** The dispensation's last row number (0 for none). */
  async lastSeq(m: EntityManager, dispensationId: string): Promise<number> {
    const last = await this.rows(m).findOne({ where: { dispensationId }, order: { seq: 'DESC' } });
    return last?.seq ?? 0;
  }

  find(
    m: EntityManager,
    dispensationId: string,
    packId: string,
    kind: DispensationPackEntity['kind'],
  ): Promise<DispensationPackEntity | null> {
    return this.rows(m).findOneBy({ packId, dispensationId, kind });
  }

  async insert(m: EntityManager, row: DispensationPackEntity): Promise<void> {
    await this.rows(m).insert(row);
  }

  /** Sets a pack's line (an explicit assignment) and its price. */
  async update(
    m: EntityManager,
    packId: string,
    set: Partial<
      Pick<DispensationPackEntity, 'lineId' | 'assignedBy' | 'unitPriceCents' | 'reimbursementRate'>
    >,
  ): Promise<void> {
    await this.rows(m).update({ packId }, set);
  }

  async delete(m: EntityManager, packId: string): Promise<void> {
    await this.rows(m).delete({ packId });
  }

  /**
   * Serials among `serials` scanned on another dispensation of the pharmacy that is not cancelled or abandoned (one indexed
   * query): a cancelled or abandoned dispensation released its packs, their serials may be scanned again.
   */
  serialsElsewhere(
    m: EntityManager,
    pharmacyId: string,
    dispensationId: string,
    serials: string[],
  ): Promise<{ serial: string; cip13: string | null; code: string | null }[]> {
    if (serials.length === 0) return Promise.resolve([]);
    return this.rows(m)
      .createQueryBuilder('p')
      .innerJoin(DispensationEntity, 'd', 'd.id = p.dispensationId')
      .select(['p.serial AS serial', 'p.cip13 AS cip13', 'p.code AS code'])
      .where('d.pharmacyId = :pharmacyId', { pharmacyId })
      .andWhere('p.serial IN (:...serials)', { serials })
      .andWhere('p.dispensationId != :dispensationId', { dispensationId })
      .andWhere("d.status NOT IN ('cancelled', 'abandoned')")
      .getRawMany();
  }
}
