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

  /** The pharmacy's prescriptions with any activity (retrieval, dispensation, outbox, invoice, rejection) in [start, end). */
  async activeIn(pharmacyId: string, start: Date, end: Date): Promise<string[]> {
    const m = this.db.reader;
    const found = await Promise.all([
      this.prescriptions
        .retrievedIn(m, pharmacyId, start, end)
        .then((rows) => rows.map((r) => r.prescriptionId)),
      this.dispensations.changedIn(m, pharmacyId, start, end),
      this.outbox.changedIn(m, pharmacyId, start, end),
      this.invoices.recordedIn(m, pharmacyId, start, end),
      this.rejections.changedIn(m, pharmacyId, start, end),
    ]);
    return [...new Set(found.flat())];
  }

  /** Every row of the pharmacy the status of these prescriptions depends on. */
  async rowsOf(pharmacyId: string, ids: string[]): Promise<PrescriptionRows> {
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
        this.prescriptions.findMany(m, pharmacyId, chunk),
        this.dispensations.ofPrescriptions(m, pharmacyId, chunk),
        this.outbox.statusOf(m, pharmacyId, chunk),
        this.invoices.ofPrescriptions(m, pharmacyId, chunk),
        this.rejections.ofPrescriptions(m, pharmacyId, chunk),
      ]);
      out.prescriptions.push(...p);
      out.dispensations.push(...d);
      out.outbox.push(...o);
      out.invoices.push(...inv);
      out.rejections.push(...r);
    }
    return out;
  }

  /** The pharmacy's outbox calls not delivered yet, whatever their date; `oldestQueuedAt` counts queued and sending ones. */
  async backlog(pharmacyId: string): Promise<{
    queued: number;
    sending: number;
    parked: number;
    oldestQueuedAt: string | null;
  }> {
    const m = this.db.reader;
    const pending = await this.outbox.pending(m, pharmacyId);
    const oldest = await this.outbox.oldestPendingAt(m, pharmacyId);
    return {
      queued: pending.queued?.n ?? 0,
      sending: pending.sending?.n ?? 0,
      parked: pending.parked?.n ?? 0,
      oldestQueuedAt: oldest ? oldest.toISOString() : null,
    };
  }
}
