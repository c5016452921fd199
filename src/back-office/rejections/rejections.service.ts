import type { Principal } from '../../core/auth/principal';
import { Injectable, Logger } from '@nestjs/common';
import { Database } from '../../core/database/database';
import { OutboxRepository } from '../../core/outbox/outbox.repository';
import { ActRepository } from '../../dispensation/act.repository';
import { DispensationRepository } from '../../dispensation/dispensation.repository';
import { DispensationService } from '../../dispensation/dispensation.service';
import { PackRepository } from '../../dispensation/pack.repository';
import { InvoiceRepository } from '../../invoicing/invoice.repository';
import { PrescriptionRepository } from '../../prescription/prescription.repository';
import { BackOfficeException } from '../back-office.exception';
import type { CreateRejectionDto, ImportResponse, RejectionResponse } from './dto/rejections.dto';
import { InvoiceRejectionEntity, type RejectionStatus } from './invoice-rejection.entity';
import { parseRejectionCsv } from './rejection-csv.parser';
import { checkRejectionInput } from './rejection-input';
import { RejectionRecorder } from './rejection-recorder';
import { RejectionRepository } from './rejection.repository';
import { RejectionDetail, toRejectionDetail, toRejectionResponse } from './rejection.view';
import { BACK_OFFICE_DETAILS as D } from '../error-messages';

const LIST_LIMIT = 500;

/** Invoice rejections (API.md § Back office): record, import, list, follow up. */
@Injectable()
export class RejectionsService {
  private readonly logger = new Logger('back-office');

  constructor(
    private readonly db: Database,
    private readonly rejections: RejectionRepository,
    private readonly outbox: OutboxRepository,
    private readonly recorder: RejectionRecorder,
    private readonly dispensations: DispensationService,
    private readonly dispensationRows: DispensationRepository,
    private readonly invoices: InvoiceRepository,
    private readonly acts: ActRepository,
    private readonly packs: PackRepository,
    private readonly prescriptions: PrescriptionRepository,
  ) {}

  /** 404 FSE_UNKNOWN when no invoice matches; the same rejection again answers the first one. */
  async create(input: CreateRejectionDto, principal: Principal): Promise<RejectionResponse> {
    const by = await this.recorder.actor(principal);
    const recorded = await this.db.transaction((m) => this.recorder.record(m, input, by, 'api'));
    if (recorded.outcome === 'unmatched') {
      throw new BackOfficeException('FSE_UNKNOWN', D.FSE_UNKNOWN.noInvoice(input), {
        extra: { fseNumber: input.fseNumber },
      });
    }
    if (recorded.outcome === 'created') await this.announce([recorded.rejection]);
    return this.respond(recorded.rejection);
  }

  /** A CSV file: every matched line in one transaction; bad and unmatched lines are reported, not fatal. */
  async importFile(bytes: Uint8Array, principal: Principal): Promise<ImportResponse> {
    const csv = parseRejectionCsv(bytes);
    const result: ImportResponse = {
      lines: csv.lines,
      imported: 0,
      duplicates: 0,
      unmatched: [],
      invalid: [...csv.invalid],
      rejectionIds: [],
    };
    const valid: { line: number; input: CreateRejectionDto }[] = [];
    for (const row of csv.rows) {
      const checked = checkRejectionInput(row.fields, row.columns);
      if ('error' in checked) result.invalid.push({ line: row.line, error: checked.error });
      else valid.push({ line: row.line, input: checked });
    }
    result.invalid.sort((a, b) => a.line - b.line);
    const created: InvoiceRejectionEntity[] = [];
    const by = await this.recorder.actor(principal);
    await this.db.transaction(async (m) => {
      for (const { line, input } of valid) {
        const r = await this.recorder.record(m, input, by, 'import');
        if (r.outcome === 'unmatched') {
          result.unmatched.push({ line, fseNumber: input.fseNumber, code: 'FSE_UNKNOWN' });
          continue;
        }
        if (r.outcome === 'created') created.push(r.rejection);
        else result.duplicates += 1;
        result.rejectionIds.push(r.rejection.id);
      }
    });
    result.imported = created.length;
    this.logger.log(
      { lines: result.lines, imported: result.imported, duplicates: result.duplicates },
      'invoice rejections imported',
    );
    await this.announce(created);
    return result;
  }

  /** The pharmacy's rejections. */
  async list(pharmacyId: string, status?: RejectionStatus): Promise<RejectionResponse[]> {
    const found = await this.rejections.list(this.db.reader, pharmacyId, status, LIST_LIMIT);
    const ids = [...new Set(found.map((r) => r.dispensationId))];
    const rows = await this.outbox.byDispensations(this.db.reader, ids);
    return found.map((r) =>
      toRejectionResponse(
        r,
        rows.filter((x) => x.dispensationId === r.dispensationId),
      ),
    );
  }

  /** One of the pharmacy's rejections (another pharmacy's is 404 REJECTION_UNKNOWN). */
  async get(pharmacyId: string, id: string): Promise<RejectionDetail> {
    const r = await this.find(pharmacyId, id);
    const m = this.db.reader;
    const [dispensation, invoice, executions, acts, packs, prescription] = await Promise.all([
      this.dispensationRows.find(m, r.dispensationId),
      this.invoices.find(m, r.invoiceId),
      this.outbox.byDispensations(m, [r.dispensationId]),
      this.acts.actsOf(m, r.dispensationId),
      this.packs.rowsOf(m, r.dispensationId),
      this.prescriptions.find(m, r.pharmacyId, r.prescriptionId),
    ]);
    return toRejectionDetail(r, {
      dispensation,
      invoice,
      executions,
      acts,
      packs,
      prescription: prescription?.data ?? null,
    });
  }

  /** new → in-progress → resolved (or back): audited; answers the updated rejection. */
  async update(
    id: string,
    body: { status: RejectionStatus; comment?: string },
    principal: Principal,
  ): Promise<RejectionDetail> {
    const by = await this.recorder.actor(principal);
    await this.db.transaction(async (m) => {
      const current = await this.rejections.find(m, by.pharmacyId, id);
      if (!current) throw new BackOfficeException('REJECTION_UNKNOWN', D.REJECTION_UNKNOWN.unknown({ id }));
      if (current.status === body.status && (body.comment === undefined || body.comment === current.comment))
        return;
      await this.recorder.changeStatus(m, current, body.status, body.comment, by);
    });
    const updated = await this.find(by.pharmacyId, id);
    await this.announce([updated]);
    return this.get(by.pharmacyId, id);
  }

  private async find(pharmacyId: string, id: string): Promise<InvoiceRejectionEntity> {
    const r = await this.rejections.find(this.db.reader, pharmacyId, id);
    if (!r) throw new BackOfficeException('REJECTION_UNKNOWN', D.REJECTION_UNKNOWN.unknown({ id }));
    return r;
  }

  private async respond(r: InvoiceRejectionEntity): Promise<RejectionResponse> {
    return toRejectionResponse(r, await this.outbox.byDispensations(this.db.reader, [r.dispensationId]));
  }

  /** After the commit: the dispensations' terminals hear of their new status (SSE dispensation-updated). */
  private async announce(rejections: InvoiceRejectionEntity[]): Promise<void> {
    for (const id of new Set(rejections.map((r) => r.dispensationId))) {
      try {
        await this.dispensations.changed(await this.dispensations.find(id));
      } catch (err) {
        this.logger.warn({ dispensationId: id, err: (err as Error).message }, 'dispensation event not sent');
      }
    }
  }
}
