import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { InvoiceEntity } from './invoice.entity';

/** The FSEs the LGO sent: what invoice rejections are matched against. */
@Injectable()
export class InvoiceRepository {
  private rows(m: EntityManager) {
    return m.getRepository(InvoiceEntity);
  }

  async insert(m: EntityManager, row: InvoiceEntity): Promise<void> {
    await this.rows(m).insert(row as Parameters<ReturnType<InvoiceRepository['rows']>['insert']>[0]);
  }

  find(m: EntityManager, id: string): Promise<InvoiceEntity | null> {
    return this.rows(m).findOneBy({ id });
  }

  ofDispensation(m: EntityManager, dispensationId: string): Promise<InvoiceEntity | null> {
    return this.rows(m).findOneBy({ dispensationId });
  }

  ofDispensations(m: EntityManager, dispensationIds: string[]): Promise<InvoiceEntity[]> {
    return dispensationIds.length
      ? this.rows(m).findBy({ dispensationId: In(dispensationIds) })
      : Promise.resolve([]);
  }

  /** The pharmacy's invoices under an FSE number, the latest invoiced first. */
  byFse(m: EntityManager, pharmacyId: string, fseNumber: string): Promise<InvoiceEntity[]> {
    return this.rows(m).find({ where: { pharmacyId, fseNumber }, order: { invoicedAt: 'DESC' } });
  }

  /** The pharmacy's invoices of these prescriptions. */
  ofPrescriptions(
    m: EntityManager,
    pharmacyId: string,
    prescriptionIds: string[],
  ): Promise<Pick<InvoiceEntity, 'prescriptionId' | 'createdAt'>[]> {
    return prescriptionIds.length
      ? this.rows(m).find({
          select: { id: true, prescriptionId: true, createdAt: true },
          where: { pharmacyId, prescriptionId: In(prescriptionIds) },
        })
      : Promise.resolve([]);
  }

  /** The pharmacy's prescriptions invoiced (recorded) in [start, end). */
  async recordedIn(m: EntityManager, pharmacyId: string, start: Date, end: Date): Promise<string[]> {
    const rows = await this.rows(m)
      .createQueryBuilder('i')
      .select('DISTINCT i.prescriptionId', 'id')
      .where('i.pharmacyId = :pharmacyId', { pharmacyId })
      .andWhere('i.createdAt >= :start AND i.createdAt < :end', { start, end })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
