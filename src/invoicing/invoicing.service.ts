import { personActor } from '../core/audit/audit-chain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/clock/clock';
import { Database } from '../core/database/database';
import { OutboxRepository } from '../core/outbox/outbox.repository';
import { notifyOutboxAppended } from '../core/outbox/outbox.events';
import { OutboxWriter } from '../core/outbox/outbox.writer';
import { TerminalsService } from '../core/terminals/terminals.service';
import { DispensationRepository } from '../dispensation/dispensation.repository';
import { DispensationService } from '../dispensation/dispensation.service';
import type { InvoiceUpdate } from '../prescription/teleservice/teleservice.types';
import { InvoiceDto } from './dto/invoice.dto';
import { InvoiceRepository } from './invoice.repository';
import { InvoicingException } from './invoicing.exception';
import { INVOICING_DETAILS as D } from './error-messages';

export interface Invoiced {
  invoiceId: string;
  dispensationId: string;
  status: 'invoiced';
  postInvoice: { executionId: string; sequence: number };
}

/**
 * The FSE gate (API.md § Executions and invoicing): no invoice before the execution is acknowledged, unless
 * a pharmacien overrides it for a teleservice outage; then the post-invoice update queues behind it.
 */
@Injectable()
export class InvoicingService {
  private readonly logger = new Logger('invoicing');

  constructor(
    private readonly dispensations: DispensationService,
    private readonly terminals: TerminalsService,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditService,
    private readonly db: Database,
    private readonly emitter: EventEmitter2,
    private readonly invoices: InvoiceRepository,
    private readonly rows: DispensationRepository,
    private readonly executions: OutboxRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async invoice(id: string, body: InvoiceDto, terminalId: string): Promise<Invoiced> {
    const d = await this.dispensations.find(id);
    const operator = await this.terminals.requireOperator(terminalId, d.pharmacyId);
    if (d.status === 'invoiced') return this.already(d.id, body);
    const early = d.status === 'validated';
    if (d.status !== 'acknowledged' && !early) {
      throw new InvoicingException(
        'EXECUTION_NOT_ACKNOWLEDGED',
        D.EXECUTION_NOT_ACKNOWLEDGED.notValidated(d),
      );
    }
    if (early && !body.override) {
      throw new InvoicingException('EXECUTION_NOT_ACKNOWLEDGED', D.EXECUTION_NOT_ACKNOWLEDGED.queued(), {
        extra: { dispensationStatus: d.status },
      });
    }
    if (early && operator.role !== 'pharmacien') {
      throw new InvoicingException(
        'INVOICE_OVERRIDE_NOT_ALLOWED',
        D.INVOICE_OVERRIDE_NOT_ALLOWED.preparateur(),
      );
    }
    const result = await this.db.transaction(async (m) => {
      const current = await this.rows.find(m, id);
      if (!current || current.status === 'invoiced') return undefined;
      const execution = await this.executions.firstOf(m, id, 'execution');
      if (!execution)
        throw new InvoicingException('EXECUTION_NOT_ACKNOWLEDGED', D.EXECUTION_NOT_ACKNOWLEDGED.none({ id }));
      const update: InvoiceUpdate = {
        executionSequence: execution.sequence,
        fseNumber: body.fseNumber,
        invoicedAt: new Date(body.invoicedAt).toISOString(),
      };
      if (body.billingNumber) update.billingNumber = body.billingNumber;
      if (body.amountCents !== undefined) update.amountCents = body.amountCents;
      const post = await this.outbox.append(m, {
        pharmacyId: d.pharmacyId,
        prescriptionId: d.prescriptionId,
        kind: 'post-invoice',
        payload: update as unknown as Record<string, unknown>,
        dispensationId: id,
      });
      const invoiceId = randomUUID();
      await this.invoices.insert(m, {
        pharmacyId: d.pharmacyId,
        id: invoiceId,
        dispensationId: id,
        prescriptionId: d.prescriptionId,
        fseNumber: body.fseNumber,
        billingNumber: body.billingNumber ?? null,
        invoicedAt: new Date(body.invoicedAt),
        amountCents: body.amountCents ?? null,
        override: early ? { reason: body.override!.reason, by: operator.rpps } : null,
        postInvoiceExecutionId: post.executionId,
        createdAt: this.clock.now(),
      });
      await this.dispensations.advanceIn(m, id, current.status, 'invoiced');
      await this.audit.append(
        {
          action: early ? 'dispensation.invoiced-before-acknowledgement' : 'dispensation.invoiced',
          actor: personActor(operator),
          terminalId,
          pharmacyId: d.pharmacyId,
          subject: { type: 'dispensation', id },
          data: {
            invoiceId,
            fseNumber: body.fseNumber,
            postInvoice: post.sequence,
            ...(early ? { reason: body.override!.reason } : {}),
          },
        },
        m,
      );
      return { invoiceId, post };
    });
    if (!result) return this.already(id, body);
    notifyOutboxAppended(this.emitter, d.prescriptionId);
    this.logger.log({ dispensationId: id, invoiceId: result.invoiceId, override: early }, 'invoiced');
    await this.dispensations.announce(id);
    return { invoiceId: result.invoiceId, dispensationId: id, status: 'invoiced', postInvoice: result.post };
  }

  /** The same invoice again answers as the first time; another FSE on an invoiced dispensation is refused. */
  private async already(id: string, body: InvoiceDto): Promise<Invoiced> {
    const inv = await this.invoices.ofDispensation(this.db.reader, id);
    if (!inv || inv.fseNumber !== body.fseNumber) {
      throw new InvoicingException('ALREADY_INVOICED', D.ALREADY_INVOICED.otherFse({ id }));
    }
    const post = await this.executions.find(this.db.reader, inv.postInvoiceExecutionId);
    if (!post) throw new InvoicingException('ALREADY_INVOICED', D.ALREADY_INVOICED.invoiced({ id }));
    return {
      invoiceId: inv.id,
      dispensationId: id,
      status: 'invoiced',
      postInvoice: { executionId: post.id, sequence: post.sequence },
    };
  }
}
