import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { AuditActor } from '../../core/audit/audit-chain';
import { AuditService } from '../../core/audit/audit.service';
import { Clock } from '../../core/clock/clock';
import { OutboxRepository } from '../../core/outbox/outbox.repository';
import { TerminalsService } from '../../core/terminals/terminals.service';
import { localDate, toInstant } from '../../core/clock/calendar';
import { Pharmacies } from '../../core/config/pharmacies';
import { DispensationRepository } from '../../dispensation/dispensation.repository';
import { InvoiceEntity } from '../../invoicing/invoice.entity';
import { InvoiceRepository } from '../../invoicing/invoice.repository';
import type { CreateRejectionDto } from './dto/rejections.dto';
import { InvoiceRejectionEntity, type RejectionStatus } from './invoice-rejection.entity';
import { RejectionRepository } from './rejection.repository';
import { suggestAction } from './suggested-action';

/** Who acts in the back office: the person set on its terminal, else the terminal itself. */
export interface BackOfficeActor {
  /** The pharmacy acting: every row read or written is its own. */
  pharmacyId: string;
  terminalId: string;
  actor: AuditActor;
}

export type Recorded =
  { outcome: 'created' | 'duplicate'; rejection: InvoiceRejectionEntity } | { outcome: 'unmatched' };

/**
 * The writes of the rejection stage, always inside the caller's transaction: a rejection and its
 * audit entry commit together with the dispensation's status.
 */
@Injectable()
export class RejectionRecorder {
  constructor(
    private readonly audit: AuditService,
    private readonly terminals: TerminalsService,
    @Inject(Clock) private readonly clock: Clock,
    private readonly pharmacies: Pharmacies,
    private readonly rejections: RejectionRepository,
    private readonly invoices: InvoiceRepository,
    private readonly dispensations: DispensationRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async actor({
    pharmacyId,
    terminalId,
  }: {
    pharmacyId: string;
    terminalId: string;
  }): Promise<BackOfficeActor> {
    const op = await this.terminals.operator(terminalId, pharmacyId).catch(() => undefined);
    return {
      pharmacyId,
      terminalId,
      actor: op ? { kind: 'person', rpps: op.rpps, role: op.role } : { kind: 'terminal' },
    };
  }

  /** The invoice an FSE number names (and billing number and pharmacy day, when given); the latest wins. */
  async matchInvoice(
    m: EntityManager,
    pharmacyId: string,
    input: Pick<CreateRejectionDto, 'fseNumber' | 'billingNumber' | 'invoiceDate'>,
  ): Promise<InvoiceEntity | undefined> {
    const candidates = await this.invoices.byFse(m, pharmacyId, input.fseNumber);
    const tz = this.pharmacies.calendar(pharmacyId).timeZone;
    return candidates.find(
      (inv) =>
        (!input.billingNumber || inv.billingNumber === input.billingNumber) &&
        (!input.invoiceDate || localDate(inv.invoicedAt, tz) === input.invoiceDate),
    );
  }

  /** Records one rejection: the first one again when it is already known (same FSE, code, receivedAt). */
  async record(
    m: EntityManager,
    input: CreateRejectionDto,
    by: BackOfficeActor,
    source: InvoiceRejectionEntity['source'],
  ): Promise<Recorded> {
    const tz = this.pharmacies.calendar(by.pharmacyId).timeZone;
    const receivedAt = toInstant(input.receivedAt, tz);
    const key = {
      pharmacyId: by.pharmacyId,
      fseNumber: input.fseNumber,
      rejectionCode: input.rejectionCode,
      receivedAt,
    };
    const existing = await this.rejections.findSame(m, key);
    if (existing) return { outcome: 'duplicate', rejection: existing };
    const invoice = await this.matchInvoice(m, by.pharmacyId, input);
    if (!invoice) return { outcome: 'unmatched' };
    const now = this.clock.now();
    const rejection: InvoiceRejectionEntity = {
      id: randomUUID(),
      invoiceId: invoice.id,
      dispensationId: invoice.dispensationId,
      prescriptionId: invoice.prescriptionId,
      ...key,
      billingNumber: input.billingNumber ?? invoice.billingNumber,
      invoiceDate: localDate(invoice.invoicedAt, tz),
      label: input.label,
      amountCents: input.amountCents ?? null,
      status: 'new',
      comment: null,
      source,
      createdAt: now,
      updatedAt: now,
    };
    await this.rejections.insert(m, rejection);
    const rows = await this.outbox.byDispensations(m, [invoice.dispensationId]);
    const moved = await this.setDispensationStatus(m, invoice.dispensationId, 'rejected');
    await this.audit.append(
      {
        action: 'invoice-rejection.created',
        ...by,
        subject: { type: 'invoice-rejection', id: rejection.id },
        data: {
          source,
          invoiceId: invoice.id,
          dispensationId: invoice.dispensationId,
          prescriptionId: invoice.prescriptionId,
          fseNumber: input.fseNumber,
          rejectionCode: input.rejectionCode,
          receivedAt: receivedAt.toISOString(),
          suggestedAction: suggestAction(input, rows),
          dispensationStatus: moved,
        },
      },
      m,
    );
    return { outcome: 'created', rejection };
  }

  /** new ⇄ in-progress ⇄ resolved; the dispensation is `rejected` while one of its rejections is open. */
  async changeStatus(
    m: EntityManager,
    rejection: InvoiceRejectionEntity,
    to: RejectionStatus,
    comment: string | undefined,
    by: BackOfficeActor,
  ): Promise<void> {
    const from = rejection.status;
    const now = this.clock.now();
    const patch = { status: to, updatedAt: now, ...(comment !== undefined ? { comment } : {}) };
    await this.rejections.update(m, rejection.id, patch);
    const stillOpen = await this.rejections.countOpen(m, rejection.dispensationId);
    const moved = await this.setDispensationStatus(
      m,
      rejection.dispensationId,
      stillOpen ? 'rejected' : 'invoiced',
    );
    await this.audit.append(
      {
        action: 'invoice-rejection.status-changed',
        ...by,
        subject: { type: 'invoice-rejection', id: rejection.id },
        data: {
          dispensationId: rejection.dispensationId,
          from,
          to,
          comment: comment ?? null,
          dispensationStatus: moved,
        },
      },
      m,
    );
  }

  /** Moves an invoiced / rejected dispensation; returns the move made, or null. */
  private async setDispensationStatus(
    m: EntityManager,
    id: string,
    to: 'rejected' | 'invoiced',
  ): Promise<{ from: string; to: string } | null> {
    const d = await this.dispensations.find(m, id);
    if (!d || d.status === to || !['invoiced', 'rejected'].includes(d.status)) return null;
    await this.dispensations.move(m, id, d.status, to, this.clock.now());
    return { from: d.status, to };
  }
}
