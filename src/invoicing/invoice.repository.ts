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

  /** Invoices under an FSE number, the latest invoiced first. */
  byFse(m: EntityManager, fseNumber: string): Promise<InvoiceEntity[]> {
    return this.rows(m).find({ where: { fseNumber }, order: { invoicedAt: 'DESC' } });
  }

  ofPrescriptions(
    m: EntityManager,
    prescriptionIds: string[],
  ): Promise<Pick<InvoiceEntity, 'prescriptionId' | 'createdAt'>[]> {
    return prescriptionIds.length
      ? this.rows(m).find({
          select: { id: true, prescriptionId: true, createdAt: true },
          where: { prescriptionId: In(prescriptionIds) },
        })
      : Promise.resolve([]);
  }

  /** Prescriptions invoiced (recorded) in [start, end). */
  async recordedIn(m: EntityManager, start: Date, end: Date): Promise<string[]> {
    const rows = await this.rows(m)
      .createQueryBuilder('i')
      .select('DISTINCT i.prescriptionId', 'id')
      .where('i.createdAt >= :start AND i.createdAt < :end', { start, end })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
