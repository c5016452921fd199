import { Injectable } from '@nestjs/common';
import { Database } from '../../core/database/database';
import { OutboxRepository } from '../../core/outbox/outbox.repository';
import { PrescriptionService } from '../../prescription/prescription.service';
import type { Acknowledgement, ExecutionPayload } from '../../prescription/teleservice/teleservice.types';
import { ExecutionException } from '../execution.exception';
import { buildOctReport, OctReport } from './oct-report';
import { renderOctReport } from './oct-report.pdf';
import { OctReportRepository } from './oct-report.repository';
import { EXECUTION_DETAILS } from '../error-messages';

/** How the report's delivery stands (none when `oct.adapter` is `none`). */
export interface OctDelivery {
  status: 'queued' | 'delivered' | 'failed';
  attempts: number;
  lastError?: string;
  deliveredAt?: string;
}

/**
 * `GET /api/v1/executions/:id/report` and `…/report.pdf` (API.md): the report as queued for the insurers at
 * the acknowledgement, or built now from the same sources when no adapter queues them.
 */
@Injectable()
export class OctReportsService {
  constructor(
    private readonly db: Database,
    private readonly reports: OctReportRepository,
    private readonly outbox: OutboxRepository,
    private readonly prescriptions: PrescriptionService,
  ) {}

  async report(id: string): Promise<OctReport & { delivery?: OctDelivery }> {
    const queued = await this.reports.find(this.db.reader, id);
    if (queued) {
      const status = queued.status === 'sending' ? 'queued' : queued.status;
      const delivery: OctDelivery = { status, attempts: queued.attempts };
      if (queued.lastError) delivery.lastError = queued.lastError;
      if (queued.deliveredAt) delivery.deliveredAt = new Date(queued.deliveredAt).toISOString();
      return { ...queued.report, delivery };
    }
    const row = await this.outbox.find(this.db.reader, id);
    if (!row)
      throw new ExecutionException(
        'EXECUTION_NOT_FOUND',
        EXECUTION_DETAILS.EXECUTION_NOT_FOUND.unknown({ id }),
      );
    const prescription = await this.prescriptions.stored(row.pharmacyId, row.prescriptionId);
    if (row.kind !== 'execution' || row.status !== 'acknowledged' || !row.acknowledgement || !prescription) {
      throw new ExecutionException(
        'REPORT_NOT_AVAILABLE',
        EXECUTION_DETAILS.REPORT_NOT_AVAILABLE.notAcknowledged({ id, kind: row.kind, status: row.status }),
      );
    }
    return buildOctReport({
      executionId: row.id,
      prescriptionId: row.prescriptionId,
      sequence: row.sequence,
      payload: row.payload as unknown as ExecutionPayload,
      ack: row.acknowledgement as unknown as Acknowledgement,
      prescription,
    });
  }

  async pdf(id: string): Promise<Buffer> {
    const { delivery: _delivery, ...report } = await this.report(id);
    return renderOctReport(report);
  }
}
