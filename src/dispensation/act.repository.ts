import { Injectable } from '@nestjs/common';
import { DispensationEntity } from './dispensation.entity';
import { EntityManager, IsNull } from 'typeorm';
import { DispensationActEntity } from './dispensation-act.entity';

/** Pharmacist acts on dispensations' lines (never deleted: a cancelled act keeps its `cancelledAt`). */
@Injectable()
export class ActRepository {
  private rows(m: EntityManager) {
    return m.getRepository(DispensationActEntity);
  }

  /** A dispensation's acts in the order recorded. */
  actsOf(m: EntityManager, dispensationId: string): Promise<DispensationActEntity[]> {
    return this.rows(m).find({ where: { dispensationId }, order: { at: 'ASC', seq: 'ASC' } });
  }

  onLine(m: EntityManager, dispensationId: string, lineId: string): Promise<DispensationActEntity[]> {
    return this.rows(m).find({ where: { dispensationId, lineId }, order: { at: 'ASC', seq: 'ASC' } });
  }

  /** Records an act after the dispensation's last one (in the caller's transaction); the row as written. */
  async append(m: EntityManager, act: Omit<DispensationActEntity, 'seq'>): Promise<DispensationActEntity> {
    const last = await this.rows(m).findOne({
      select: { id: true, seq: true },
      where: { dispensationId: act.dispensationId },
      order: { seq: 'DESC' },
    });
    const row = { ...act, seq: (last?.seq ?? 0) + 1 };
    await this.rows(m).insert(row as Parameters<ReturnType<ActRepository['rows']>['insert']>[0]);
    return row;
  }

  async cancel(m: EntityManager, id: string, at: Date): Promise<void> {
    await this.rows(m).update({ id, cancelledAt: IsNull() }, { cancelledAt: at });
  }

  /** Renewal acts (not cancelled) on a line of the pharmacy's other dispensations of the prescription past `open`. */
  renewalsElsewhere(
    m: EntityManager,
    pharmacyId: string,
    prescriptionId: string,
    exceptDispensationId: string,
    lineId: string,
  ): Promise<DispensationActEntity[]> {
    return this.rows(m)
      .createQueryBuilder('a')
      .innerJoin(DispensationEntity, 'd', 'd.id = a.dispensationId')
      .where('d.pharmacyId = :pharmacyId', { pharmacyId })
      .andWhere('d.prescriptionId = :prescriptionId AND d.id != :id', {
        prescriptionId,
        id: exceptDispensationId,
      })
      .andWhere("d.status NOT IN ('open', 'cancelled') AND a.type = 'renewal' AND a.lineId = :lineId", {
        lineId,
      })
      .andWhere('a.cancelledAt IS NULL')
      .getMany();
  }
}
