import { personActor } from '../core/audit/audit-chain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { notifyOutboxAppended } from '../core/outbox/outbox.events';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/clock/clock';
import { Pharmacies } from '../core/config/pharmacies';
import { Database } from '../core/database/database';
import { OutboxRepository } from '../core/outbox/outbox.repository';
import { OutboxWriter } from '../core/outbox/outbox.writer';
import { PrescriptionService } from '../prescription/prescription.service';
import type { PharmacyRef } from '../prescription/teleservice/teleservice.types';
import { evaluateValidation, LineForValidation } from './acts/validation.rules';
import { ActsService } from './acts.service';
import { ActRepository } from './act.repository';
import { DispensationEntity, DispensationStatus } from './dispensation.entity';
import { DispensationException } from './dispensation.exception';
import { dispensationClosed, DispensationService } from './dispensation.service';
import type { DispensationView } from './dispensation.view';
import { DispensationRepository } from './dispensation.repository';
import { buildExecutionRecord } from './execution-record';
import { PackRepository } from './pack.repository';
import { DISPENSATION_DETAILS } from './error-messages';

export interface Validated {
  executionId: string;
  sequence: number;
  status: DispensationStatus;
}

const forValidation = (view: DispensationView): LineForValidation[] =>
  view.lines.map((l) => ({
    lineId: l.lineId,
    packs: l.packs.length,
    manualDeliveries: l.manualDeliveries.length,
    interventions: l.interventions.length,
    nonDelivery: !!l.nonDelivery,
    issues: l.reconciliation.issues,
  }));

/**
 * `POST /api/v1/dispensations/:id/validate` (API.md, docs/acts.md § Validation): refuses while a blocking
 * issue stands or a line is not addressed; otherwise, in one transaction, freezes the dispensation, appends
 * the execution record to the outbox and an audit entry. A second call answers the first one's result.
 */
@Injectable()
export class ValidationService {
  private readonly logger = new Logger(ValidationService.name);

  constructor(
    private readonly emitter: EventEmitter2,
    private readonly dispensations: DispensationService,
    private readonly prescriptions: PrescriptionService,
    private readonly acts: ActsService,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditService,
    private readonly db: Database,
    private readonly executions: OutboxRepository,
    private readonly rows: DispensationRepository,
    private readonly packs: PackRepository,
    private readonly actRows: ActRepository,
    private readonly pharmacies: Pharmacies,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async validate(id: string, terminalId: string): Promise<Validated> {
    const d = await this.dispensations.find(id);
    if (d.status !== 'open') return this.previous(d);
    const operator = await this.acts.operator(terminalId);
    const p = await this.dispensations.prescriptionOf(d);
    const view = await this.dispensations.view(d, p);
    if (d.degraded && view.lines.length === 0) {
      throw new DispensationException(
        'TRANSCRIPTION_EMPTY',
        DISPENSATION_DETAILS.TRANSCRIPTION_EMPTY.noLine({ id }),
      );
    }
    const decision = evaluateValidation(forValidation(view), view.issues);
    if (!decision.ok) {
      throw new DispensationException(
        'DISPENSATION_HAS_BLOCKING_ISSUES',
        DISPENSATION_DETAILS.DISPENSATION_HAS_BLOCKING_ISSUES.blocking({ count: decision.issues.length }),
        { extra: { issues: decision.issues } },
      );
    }
    const payload = buildExecutionRecord({
      view,
      prescription: p,
      pharmacist: { rpps: operator.rpps, role: operator.role },
      pharmacy: this.pharmacy(d.pharmacyId),
      dispensingDate: this.dispensations.dispensingDate(d.pharmacyId),
      ...(d.patientIns ? { patientIns: { matricule: d.patientIns.matricule, oid: d.patientIns.oid } } : {}),
    });
    const snapshot = await this.fingerprint(id);
    const appended = await this.db.transaction(async (m) => {
      const now = this.clock.now();
      const current = await this.rows.find(m, id);
      if (current?.status !== 'open') return undefined; // validated meanwhile: answer that one
      // An act or a pack that slipped in since the view was read would be missing from the record.
      if ((await this.fingerprint(id, m)) !== snapshot) {
        throw new DispensationException(
          'DISPENSATION_CHANGED',
          DISPENSATION_DETAILS.DISPENSATION_CHANGED.changed(),
        );
      }
      if (!(await this.rows.move(m, id, 'open', 'validated', now, { renewalNumber: view.renewalNumber })))
        return undefined; // another instance validated it meanwhile: answer that one
      // Degraded mode: held until the prescription is retrieved and compared with the transcription.
      const held = current.degraded && ['pending', 'differs'].includes(current.transcription?.state ?? '');
      const out = await this.outbox.append(m, {
        pharmacyId: d.pharmacyId,
        prescriptionId: d.prescriptionId,
        kind: 'execution',
        payload: payload as unknown as Record<string, unknown>,
        dispensationId: id,
        status: held ? 'held' : 'queued',
      });
      await this.audit.append(
        {
          action: 'dispensation.validated',
          actor: personActor(operator),
          terminalId,
          pharmacyId: d.pharmacyId,
          subject: { type: 'dispensation', id },
          data: {
            executionId: out.executionId,
            sequence: out.sequence,
            lines: view.lines.length,
            held,
          },
        },
        m,
      );
      return out;
    });
    const after = await this.dispensations.find(id);
    if (!appended) return this.previous(after);
    this.logger.log({ dispensationId: id, ...appended }, 'dispensation validated');
    notifyOutboxAppended(this.emitter, d.prescriptionId);
    await this.dispensations.changed(after, p);
    return { ...appended, status: after.status };
  }

  /** The execution a validated dispensation produced (idempotent replay of validate). */
  private async previous(d: DispensationEntity): Promise<Validated> {
    const row = await this.executions.firstOf(this.db.reader, d.id, 'execution');
    if (!row) throw dispensationClosed(d);
    return { executionId: row.id, sequence: row.sequence, status: d.status };
  }

  /** Counts of packs and acts (cancellations included): equal before and inside the transaction. */
  private async fingerprint(id: string, m: EntityManager = this.db.reader): Promise<string> {
    const packs = await this.packs.count(m, id);
    const acts = await this.actRows.actsOf(m, id);
    return `${packs}/${acts.length}/${acts.filter((a) => a.cancelledAt).length}`;
  }

  /** The executing pharmacy as the execution names it (its FINESS, AM number and name). */
  private pharmacy(pharmacyId: string): PharmacyRef {
    const { finess, am, name } = this.pharmacies.identity(pharmacyId);
    const ref: PharmacyRef = { finess };
    if (am) ref.am = am;
    if (name) ref.name = name;
    return ref;
  }
}
