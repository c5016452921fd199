import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { OutboxExecutionEntity } from '../../core/outbox/outbox-execution.entity';
import { DispensationEntity } from '../../dispensation/dispensation.entity';
import { InvoiceEntity } from '../../invoicing/invoice.entity';
import { PrescriptionEntity } from '../../prescription/prescription.entity';
import { InvoiceRejectionEntity } from '../rejections/invoice-rejection.entity';

const CHUNK = 400; // under SQLite's bound-parameter limit

/** TypeORM's own datetime text (UTC), for raw range queries. */
const sqlTime = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');
const fromSqlTime = (s: string): Date => new Date(`${s.replace(' ', 'T')}Z`);

export interface PrescriptionRows {
  prescriptions: Pick<PrescriptionEntity, 'prescriptionId' | 'data' | 'retrievedAt'>[];
  dispensations: DispensationEntity[];
  outbox: Pick<OutboxExecutionEntity, 'prescriptionId' | 'status' | 'updatedAt'>[];
  invoices: Pick<InvoiceEntity, 'prescriptionId' | 'createdAt'>[];
  rejections: Pick<InvoiceRejectionEntity, 'id' | 'prescriptionId' | 'status' | 'updatedAt' | 'receivedAt'>[];
}

/** The dashboard's reads over the stages' tables (read-only, no transaction). */
@Injectable()
export class DashboardReader {
  constructor(private readonly db: DataSource) {}

  /** Prescriptions with any activity (retrieval, dispensation, outbox, invoice, rejection) in [start, end). */
  async activeIn(start: Date, end: Date): Promise<string[]> {
    const range = (table: string, column: string) =>
      `SELECT "prescriptionId" AS "id" FROM "${table}" WHERE "${column}" >= ? AND "${column}" < ?`;
    const sql = [
      range('prescriptions', 'retrievedAt'),
      range('dispensations', 'updatedAt'),
      range('outbox_executions', 'updatedAt'),
      range('invoices', 'createdAt'),
      range('invoice_rejections', 'updatedAt'),
    ].join(' UNION ');
    const rows = (await this.db.query(
      sql,
      Array(5)
        .fill([sqlTime(start), sqlTime(end)])
        .flat(),
    )) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  /** Every row the status of these prescriptions depends on. */
  async rowsOf(ids: string[]): Promise<PrescriptionRows> {
    const out: PrescriptionRows = {
      prescriptions: [],
      dispensations: [],
      outbox: [],
      invoices: [],
      rejections: [],
    };
    for (let i = 0; i < ids.length; i += CHUNK) {
      const prescriptionId = In(ids.slice(i, i + CHUNK));
      const [p, d, o, inv, r] = await Promise.all([
        this.db.getRepository(PrescriptionEntity).find({
          select: { prescriptionId: true, data: true, retrievedAt: true },
          where: { prescriptionId },
        }),
        this.db.getRepository(DispensationEntity).find({ where: { prescriptionId } }),
        this.db.getRepository(OutboxExecutionEntity).find({
          select: { prescriptionId: true, status: true, updatedAt: true },
          where: { prescriptionId },
        }),
        this.db.getRepository(InvoiceEntity).find({
          select: { prescriptionId: true, createdAt: true },
          where: { prescriptionId },
        }),
        this.db.getRepository(InvoiceRejectionEntity).find({
          select: { id: true, prescriptionId: true, status: true, updatedAt: true, receivedAt: true },
          where: { prescriptionId },
        }),
      ]);
      out.prescriptions.push(...p);
      out.dispensations.push(...d);
      out.outbox.push(...o);
      out.invoices.push(...inv);
      out.rejections.push(...r);
    }
    return out;
  }

  /** Outbox calls not delivered yet, whatever their date; `oldestQueuedAt` counts queued and sending ones. */
  async backlog(): Promise<{
    queued: number;
    sending: number;
    parked: number;
    oldestQueuedAt: string | null;
  }> {
    const rows = (await this.db.query(
      `SELECT "status", COUNT(*) AS "n", MIN("createdAt") AS "oldest" FROM "outbox_executions" ` +
        `WHERE "status" IN ('queued', 'sending', 'parked') GROUP BY "status"`,
    )) as { status: string; n: number; oldest: string }[];
    const of = (s: string) => rows.find((r) => r.status === s);
    // The oldest call still owed: queued, or on the wire (a sending row is retried if its answer is lost).
    const oldest = [of('queued')?.oldest, of('sending')?.oldest].filter((x): x is string => !!x).sort()[0];
    return {
      queued: Number(of('queued')?.n ?? 0),
      sending: Number(of('sending')?.n ?? 0),
      parked: Number(of('parked')?.n ?? 0),
      oldestQueuedAt: oldest ? fromSqlTime(oldest).toISOString() : null,
    };
  }
}
