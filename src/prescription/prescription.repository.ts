import { Injectable } from '@nestjs/common';
import { EntityManager, In, Not } from 'typeorm';
import { PrescriptionEntity } from './prescription.entity';

/** The last copy of each prescription retrieved from the teleservice. */
@Injectable()
export class PrescriptionRepository {
  private rows(m: EntityManager) {
    return m.getRepository(PrescriptionEntity);
  }

  find(m: EntityManager, prescriptionId: string): Promise<PrescriptionEntity | null> {
    return this.rows(m).findOneBy({ prescriptionId });
  }

  findMany(m: EntityManager, prescriptionIds: string[]): Promise<PrescriptionEntity[]> {
    return prescriptionIds.length
      ? this.rows(m).findBy({ prescriptionId: In(prescriptionIds) })
      : Promise.resolve([]);
  }

  /** Keeps this copy, replacing the one before (one statement). */
  async save(m: EntityManager, row: PrescriptionEntity): Promise<void> {
    await this.rows(m).upsert(row as Parameters<ReturnType<PrescriptionRepository['rows']>['upsert']>[0], [
      'prescriptionId',
    ]);
  }

  /** The patient's other prescriptions (by the patient key), the latest retrieved first. */
  othersOfPatient(
    m: EntityManager,
    patientKey: string,
    exceptPrescriptionId: string,
    limit = 200,
  ): Promise<PrescriptionEntity[]> {
    return this.rows(m).find({
      where: { patientKey, prescriptionId: Not(exceptPrescriptionId) },
      order: { retrievedAt: 'DESC' },
      take: limit,
    });
  }

  /** Prescriptions retrieved in [start, end). */
  async retrievedIn(
    m: EntityManager,
    start: Date,
    end: Date,
  ): Promise<{ prescriptionId: string; retrievedAt: Date }[]> {
    return this.rows(m)
      .createQueryBuilder('p')
      .select(['p.prescriptionId', 'p.retrievedAt'])
      .where('p.retrievedAt >= :start AND p.retrievedAt < :end', { start, end })
      .getMany();
  }
}
