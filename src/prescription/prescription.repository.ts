import { Injectable } from '@nestjs/common';
import { EntityManager, In, Not } from 'typeorm';
import { PrescriptionEntity } from './prescription.entity';

/** The last copy of each prescription retrieved from the teleservice, per pharmacy (each query names it). */
@Injectable()
export class PrescriptionRepository {
  private rows(m: EntityManager) {
    return m.getRepository(PrescriptionEntity);
  }

  find(m: EntityManager, pharmacyId: string, prescriptionId: string): Promise<PrescriptionEntity | null> {
    return this.rows(m).findOneBy({ pharmacyId, prescriptionId });
  }

  findMany(m: EntityManager, pharmacyId: string, prescriptionIds: string[]): Promise<PrescriptionEntity[]> {
    return prescriptionIds.length
      ? this.rows(m).findBy({ pharmacyId, prescriptionId: In(prescriptionIds) })
      : Promise.resolve([]);
  }

  /** Keeps this copy, replacing the one before (one statement). */
  async save(m: EntityManager, row: PrescriptionEntity): Promise<void> {
    await this.rows(m).upsert(row as Parameters<ReturnType<PrescriptionRepository['rows']>['upsert']>[0], [
      'pharmacyId',
      'prescriptionId',
    ]);
  }

  /** The patient's other prescriptions (by the patient key), the latest retrieved first. */
  othersOfPatient(
    m: EntityManager,
    pharmacyId: string,
    patientKey: string,
    exceptPrescriptionId: string,
    limit = 200,
  ): Promise<PrescriptionEntity[]> {
    return this.rows(m).find({
      where: { pharmacyId, patientKey, prescriptionId: Not(exceptPrescriptionId) },
      order: { retrievedAt: 'DESC' },
      take: limit,
    });
  }

  /** The pharmacy's prescriptions retrieved in [start, end). */
  async retrievedIn(
    m: EntityManager,
    pharmacyId: string,
    start: Date,
    end: Date,
  ): Promise<{ prescriptionId: string; retrievedAt: Date }[]> {
    return this.rows(m)
      .createQueryBuilder('p')
      .select(['p.prescriptionId', 'p.retrievedAt'])
      .where('p.pharmacyId = :pharmacyId', { pharmacyId })
      .andWhere('p.retrievedAt >= :start AND p.retrievedAt < :end', { start, end })
      .getMany();
  }
}
