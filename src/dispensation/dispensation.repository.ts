import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DispensationEntity, DispensationStatus } from './dispensation.entity';

export interface DispensationFilter {
  terminalId?: string;
  status?: DispensationStatus;
  prescriptionId?: string;
}

/** The dispensations table: counter sessions and the states later stages move them through. */
@Injectable()
export class DispensationRepository {
  private rows(m: EntityManager) {
    return m.getRepository(DispensationEntity);
  }

  find(m: EntityManager, id: string): Promise<DispensationEntity | null> {
    return this.rows(m).findOneBy({ id });
  }

  findMany(m: EntityManager, ids: string[]): Promise<DispensationEntity[]> {
    return ids.length ? this.rows(m).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** The pharmacy's open dispensation of the prescription (one at most). */
  openOf(m: EntityManager, pharmacyId: string, prescriptionId: string): Promise<DispensationEntity | null> {
    return this.rows(m).findOneBy({ pharmacyId, prescriptionId, status: 'open' });
  }

  /** The terminal's open dispensations, the one touched last first. */
  openOnTerminal(m: EntityManager, terminalId: string, id?: string): Promise<DispensationEntity | null> {
    return this.rows(m).findOne({
      where: { terminalId, status: 'open', ...(id ? { id } : {}) },
      order: { updatedAt: 'DESC' },
    });
  }

  /** The pharmacy's dispensations, the one touched last first. */
  list(
    m: EntityManager,
    pharmacyId: string,
    filter: DispensationFilter,
    limit = 100,
  ): Promise<DispensationEntity[]> {
    return this.rows(m).find({
      where: { ...filter, pharmacyId },
      order: { updatedAt: 'DESC' },
      take: limit,
    });
  }

  /** The pharmacy's dispensations of these prescriptions (the dashboard's status of each). */
  ofPrescriptions(
    m: EntityManager,
    pharmacyId: string,
    prescriptionIds: string[],
  ): Promise<DispensationEntity[]> {
    return prescriptionIds.length
      ? this.rows(m).findBy({ pharmacyId, prescriptionId: In(prescriptionIds) })
      : Promise.resolve([]);
  }

  /** Whose it is: the pharmacy and the terminal (the ownership guard's question). */
  async ownerOf(
    m: EntityManager,
    id: string,
  ): Promise<{ pharmacyId: string; terminalId: string } | undefined> {
    const d = await this.rows(m).findOne({
      where: { id },
      select: { id: true, pharmacyId: true, terminalId: true },
    });
    return d ? { pharmacyId: d.pharmacyId, terminalId: d.terminalId } : undefined;
  }

  async insert(m: EntityManager, d: DispensationEntity): Promise<void> {
    await this.rows(m).insert(d as Parameters<ReturnType<DispensationRepository['rows']>['insert']>[0]);
  }

  async update(
    m: EntityManager,
    id: string,
    patch: Partial<
      Pick<
        DispensationEntity,
        | 'terminalId'
        | 'operator'
        | 'issues'
        | 'updatedAt'
        | 'degraded'
        | 'transcription'
        | 'patientIns'
        | 'status'
        | 'closure'
      >
    >,
  ): Promise<void> {
    await this.rows(m).update(
      id,
      patch as Parameters<ReturnType<DispensationRepository['rows']>['update']>[1],
    );
  }

  /** Moves it from `from` to `to` (and sets what the move carries); false when it was not in `from`. */
  async move(
    m: EntityManager,
    id: string,
    from: DispensationStatus,
    to: DispensationStatus,
    now: Date,
    extra: Partial<Pick<DispensationEntity, 'renewalNumber' | 'closure'>> = {},
  ): Promise<boolean> {
    const { affected } = await this.rows(m).update(
      { id, status: from },
      { status: to, updatedAt: now, ...extra },
    );
    return (affected ?? 0) > 0;
  }

  /** In [start, end): the pharmacy's prescriptions whose dispensations changed (the dashboard's activity). */
  async changedIn(m: EntityManager, pharmacyId: string, start: Date, end: Date): Promise<string[]> {
    const rows = await this.rows(m)
      .createQueryBuilder('d')
      .select('DISTINCT d.prescriptionId', 'id')
      .where('d.pharmacyId = :pharmacyId', { pharmacyId })
      .andWhere('d.updatedAt >= :start AND d.updatedAt < :end', { start, end })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
