import { Injectable } from '@nestjs/common';
import { Database } from '../../core/database/database';
import { OutboxExecutionEntity } from '../../core/outbox/outbox-execution.entity';
import { OutboxRepository } from '../../core/outbox/outbox.repository';
import { DispensationEntity } from '../../dispensation/dispensation.entity';
import { DispensationRepository } from '../../dispensation/dispensation.repository';
import { InvoiceEntity } from '../../invoicing/invoice.entity';
import { InvoiceRepository } from '../../invoicing/invoice.repository';
import { PrescriptionEntity } from '../../prescription/prescription.entity';
import { PrescriptionRepository } from '../../prescription/prescription.repository';
import { InvoiceRejectionEntity } from '../rejections/invoice-rejection.entity';
import { RejectionRepository } from '../rejections/rejection.repository';

const CHUNK = 400; // under SQLite's bound-parameter limit

export interface PrescriptionRows {
  prescriptions: Pick<PrescriptionEntity, 'prescriptionId' | 'data' | 'retrievedAt'>[];
  dispensations: DispensationEntity[];
  outbox: Pick<OutboxExecutionEntity, 'prescriptionId' | 'status' | 'updatedAt'>[];
  invoices: Pick<InvoiceEntity, 'prescriptionId' | 'createdAt'>[];
  rejections: Pick<InvoiceRejectionEntity, 'id' | 'prescriptionId' | 'status' | 'updatedAt' | 'receivedAt'>[];
}

/** The dashboard's reads over the stages' tables, through their repositories (committed rows only). */
@Injectable()
export class DashboardReader {
  constructor(
    private readonly db: Database,
    private readonly prescriptions: PrescriptionRepository,
    private readonly dispensations: DispensationRepository,
    private readonly outbox: OutboxRepository,
    private readonly invoices: InvoiceRepository,
    private readonly rejections: RejectionRepository,
  ) {}

  /** Prescriptions with any activity (retrieval, dispensation, outbox, invoice, rejection) in [start, end). */
  async activeIn(start: Date, end: Date): Promise<string[]> {
    const m = this.db.reader;
    const found = await Promise.all([
      this.prescriptions.retrievedIn(m, start, end).then((rows) => rows.map((r) => r.prescriptionId)),
      this.dispensations.changedIn(m, start, end),
      this.outbox.changedIn(m, start, end),
      this.invoices.recordedIn(m, start, end),
      this.rejections.changedIn(m, start, end),
    ]);
    return [...new Set(found.flat())];
  }

  /** Every row the status of these prescriptions depends on. */
  async rowsOf(ids: string[]): Promise<PrescriptionRows> {
    const m = this.db.reader;
    const out: PrescriptionRows = {
      prescriptions: [],
      dispensations: [],
      outbox: [],
      invoices: [],
      rejections: [],
    };
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const [p, d, o, inv, r] = await Promise.all([
        this.prescriptions.findMany(m, chunk),
        this.dispensations.ofPrescriptions(m, chunk),
        this.outbox.statusOf(m, chunk),
        this.invoices.ofPrescriptions(m, chunk),
        this.rejections.ofPrescriptions(m, chunk),
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
    const m = this.db.reader;
    const pending = await this.outbox.pending(m);
    const oldest = await this.outbox.oldestPendingAt(m);
    return {
      queued: pending.queued?.n ?? 0,
      sending: pending.sending?.n ?? 0,
      parked: pending.parked?.n ?? 0,
      oldestQueuedAt: oldest ? oldest.toISOString() : null,
    };
  }
}
