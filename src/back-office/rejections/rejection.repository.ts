import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { InvoiceRejectionEntity, type RejectionStatus } from './invoice-rejection.entity';

const OPEN: RejectionStatus[] = ['new', 'in-progress'];

/** Invoice rejections (NOEMIE) matched to their invoices. */
@Injectable()
export class RejectionRepository {
  private rows(m: EntityManager) {
    return m.getRepository(InvoiceRejectionEntity);
  }

  /** The pharmacy's rejection of that id. */
  find(m: EntityManager, pharmacyId: string, id: string): Promise<InvoiceRejectionEntity | null> {
    return this.rows(m).findOneBy({ pharmacyId, id });
  }

  /** The same rejection already recorded by the pharmacy (same FSE, code and reception instant). */
  findSame(
    m: EntityManager,
    key: Pick<InvoiceRejectionEntity, 'pharmacyId' | 'fseNumber' | 'rejectionCode' | 'receivedAt'>,
  ): Promise<InvoiceRejectionEntity | null> {
    return this.rows(m).findOneBy(key);
  }

  async insert(m: EntityManager, row: InvoiceRejectionEntity): Promise<void> {
    await this.rows(m).insert(row);
  }

  async update(
    m: EntityManager,
    id: string,
    patch: Pick<Partial<InvoiceRejectionEntity>, 'status' | 'comment' | 'updatedAt'>,
  ): Promise<void> {
    await this.rows(m).update({ id }, patch);
  }

  /** Rejections of the dispensation still new or in progress. */
  countOpen(m: EntityManager, dispensationId: string): Promise<number> {
    return this.rows(m).countBy({ dispensationId, status: In(OPEN) });
  }

  /** The pharmacy's rejections, the latest received first, at most `limit`. */
  list(
    m: EntityManager,
    pharmacyId: string,
    status: RejectionStatus | undefined,
    limit: number,
  ): Promise<InvoiceRejectionEntity[]> {
    return this.rows(m).find({
      where: status ? { pharmacyId, status } : { pharmacyId },
      order: { receivedAt: 'DESC', createdAt: 'DESC' },
      take: limit,
    });
  }

  /** The pharmacy's rejections of these prescriptions. */
  ofPrescriptions(
    m: EntityManager,
    pharmacyId: string,
    prescriptionIds: string[],
  ): Promise<
    Pick<InvoiceRejectionEntity, 'id' | 'prescriptionId' | 'status' | 'updatedAt' | 'receivedAt'>[]
  > {
    return prescriptionIds.length
      ? this.rows(m).find({
          select: { id: true, prescriptionId: true, status: true, updatedAt: true, receivedAt: true },
          where: { pharmacyId, prescriptionId: In(prescriptionIds) },
        })
      : Promise.resolve([]);
  }

  /** The pharmacy's prescriptions whose rejections changed in [start, end). */
  async changedIn(m: EntityManager, pharmacyId: string, start: Date, end: Date): Promise<string[]> {
    const rows = await this.rows(m)
      .createQueryBuilder('r')
      .select('DISTINCT r.prescriptionId', 'id')
      .where('r.pharmacyId = :pharmacyId', { pharmacyId })
      .andWhere('r.updatedAt >= :start AND r.updatedAt < :end', { start, end })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
