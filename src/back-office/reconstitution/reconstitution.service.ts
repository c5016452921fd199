import { personActor } from '../../core/audit/audit-chain';
import { Pharmacies } from '../../core/config/pharmacies';
import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import type { AuditActor } from '../../core/audit/audit-chain';
import type { Principal } from '../../core/auth/principal';
import type { AppConfig } from '../../core/config/config.schema';
import { APP_CONFIG } from '../../core/config/config.tokens';
import { Database } from '../../core/database/database';
import type { OutboxExecutionEntity } from '../../core/outbox/outbox-execution.entity';
import { OutboxRepository } from '../../core/outbox/outbox.repository';
import { TerminalsService } from '../../core/terminals/terminals.service';
import { DispensationRepository } from '../../dispensation/dispensation.repository';
import { InvoiceRepository } from '../../invoicing/invoice.repository';
import { MedicinesReferential } from '../../medicines/medicines-referential.port';
import { PrescriptionRepository } from '../../prescription/prescription.repository';
import type {
  Cancellation,
  ExecutionPayload,
  InvoiceUpdate,
  Prescription,
} from '../../prescription/teleservice/teleservice.types';
import { BackOfficeException } from '../back-office.exception';
import { buildReconstitution } from './reconstitution.builder';
import type { ExecutionFacts, ReconstitutionInput } from './reconstitution.model';
import { renderReconstitution } from './reconstitution.renderer';
import { BACK_OFFICE_DETAILS } from '../error-messages';

export interface Reconstitution {
  filename: string;
  pdf: Buffer;
}

/** Gathers the ON and this pharmacy's executions, renders the reconstitution, and audits that it did. */
@Injectable()
export class ReconstitutionService {
  private readonly logger = new Logger('reconstitution');

  constructor(
    private readonly db: Database,
    private readonly prescriptions: PrescriptionRepository,
    private readonly outbox: OutboxRepository,
    private readonly dispensations: DispensationRepository,
    private readonly invoices: InvoiceRepository,
    private readonly referential: MedicinesReferential,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly terminals: TerminalsService,
    private readonly pharmacies: Pharmacies,
  ) {}

  async produce(
    prescriptionId: string,
    executionId: string | undefined,
    by: Principal,
  ): Promise<Reconstitution> {
    const input = await this.gather(by.pharmacyId, prescriptionId, executionId);
    const pdf = await renderReconstitution(buildReconstitution(input));
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const actor = await this.actor(by);
    await this.audit.append({
      action: 'prescription.reconstitution-produced',
      actor,
      terminalId: by.terminalId,
      pharmacyId: by.pharmacyId,
      subject: { type: 'prescription', id: prescriptionId },
      data: {
        executionId: executionId ?? null,
        sequences: input.executions.map((e) => e.sequence),
        sha256,
        bytes: pdf.length,
      },
    });
    this.logger.log(
      { prescriptionId, executions: input.executions.length, bytes: pdf.length },
      'reconstitution',
    );
    // The id came from the teleservice; still, nothing but [A-Za-z0-9_-] goes into a header.
    return { filename: `reconstitution-${prescriptionId.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`, pdf };
  }

  /**
   * The builder's input: everything of the pharmacy read from the database and the referential, nothing
   * from the clock. A prescription only another pharmacy retrieved is « never retrieved » here.
   */
  async gather(
    pharmacyId: string,
    prescriptionId: string,
    executionId?: string,
  ): Promise<ReconstitutionInput> {
    const m = this.db.reader;
    const stored = await this.prescriptions.find(m, pharmacyId, prescriptionId);
    if (!stored) {
      throw new BackOfficeException(
        'RECONSTITUTION_UNAVAILABLE',
        BACK_OFFICE_DETAILS.RECONSTITUTION_UNAVAILABLE.neverRetrieved({ prescriptionId }),
      );
    }
    const rows = await this.outbox.byPrescription(m, pharmacyId, prescriptionId);
    const executions = this.selectExecutions(rows, executionId, prescriptionId);
    const facts = await this.facts(executions, rows);
    const { software } = this.config;
    const pharmacy = this.pharmacies.identity(pharmacyId);
    return {
      prescription: stored.data,
      retrievedAt: stored.retrievedAt,
      pharmacy: { finess: pharmacy.finess, ...(pharmacy.am ? { am: pharmacy.am } : {}), name: pharmacy.name },
      software: `${software.name} ${software.version}`,
      executions: facts,
      scope: executionId ? 'one' : 'all',
      names: await this.names(stored.data, facts),
      timeZone: this.pharmacies.calendar(pharmacyId).timeZone,
    };
  }

  /** All executions, or the one named (a post-invoice or cancellation id names the execution it covers). */
  private selectExecutions(
    rows: OutboxExecutionEntity[],
    executionId: string | undefined,
    prescriptionId: string,
  ) {
    const executions = rows.filter((r) => r.kind === 'execution');
    if (!executionId) return executions;
    const named = rows.find((r) => r.id === executionId);
    const sequence =
      named?.kind === 'execution'
        ? named.sequence
        : (named?.payload as { executionSequence?: number } | undefined)?.executionSequence;
    const found = executions.filter((r) => r.sequence === sequence);
    if (!found.length) {
      throw new BackOfficeException(
        'RECONSTITUTION_EXECUTION_UNKNOWN',
        BACK_OFFICE_DETAILS.RECONSTITUTION_EXECUTION_UNKNOWN.unknown({ executionId, prescriptionId }),
      );
    }
    return found;
  }

  private async facts(
    executions: OutboxExecutionEntity[],
    all: OutboxExecutionEntity[],
  ): Promise<ExecutionFacts[]> {
    const ids = executions.map((e) => e.dispensationId).filter((id): id is string => !!id);
    const dispensations = await this.dispensations.findMany(this.db.reader, ids);
    const invoices = await this.invoices.ofDispensations(this.db.reader, ids);
    const covering = (kind: string, sequence: number) =>
      all.find(
        (r) =>
          r.kind === kind && (r.payload as { executionSequence?: number }).executionSequence === sequence,
      );
    return executions.map((row) => {
      const payload = row.payload as unknown as ExecutionPayload;
      const operator = dispensations.find((d) => d.id === row.dispensationId)?.operator;
      const facts: ExecutionFacts = {
        executionId: row.id,
        sequence: row.sequence,
        status: row.status,
        createdAt: row.createdAt,
        acknowledgedAt: row.acknowledgedAt,
        payload,
      };
      const ackId = row.acknowledgement?.acknowledgementId;
      if (typeof ackId === 'string') facts.acknowledgementId = ackId;
      if (operator) facts.operator = operator;
      const invoice = invoices.find((i) => i.dispensationId === row.dispensationId);
      const post = covering('post-invoice', row.sequence);
      if (invoice) {
        facts.invoice = {
          fseNumber: invoice.fseNumber,
          ...(invoice.billingNumber ? { billingNumber: invoice.billingNumber } : {}),
          invoicedAt: invoice.invoicedAt,
          recordedAt: invoice.createdAt,
        };
      } else if (post) {
        const u = post.payload as unknown as InvoiceUpdate;
        facts.invoice = {
          fseNumber: u.fseNumber,
          ...(u.billingNumber ? { billingNumber: u.billingNumber } : {}),
          invoicedAt: new Date(u.invoicedAt),
          recordedAt: post.createdAt,
        };
      }
      const cancel = covering('cancellation', row.sequence);
      if (cancel) {
        const c = cancel.payload as unknown as Cancellation;
        facts.cancellation = {
          sequence: cancel.sequence,
          reason: c.reason,
          status: cancel.status,
          recordedAt: cancel.createdAt,
        };
      }
      return facts;
    });
  }

  /** Referential names of every CIP13 and CIS on the prescription and the deliveries. */
  private async names(p: Prescription, facts: ExecutionFacts[]): Promise<Record<string, string>> {
    const cip13s = new Set<string>();
    const cises = new Set<string>();
    for (const line of p.lines) {
      if (line.product.cip13) cip13s.add(line.product.cip13);
      if (line.product.cis) cises.add(line.product.cis);
    }
    for (const f of facts) {
      for (const l of f.payload.lines) for (const d of l.products) if (d.cip13) cip13s.add(d.cip13);
    }
    const names: Record<string, string> = {};
    for (const cip13 of [...cip13s].sort()) {
      const found = await this.referential.findByCip13(cip13);
      if (found) names[cip13] = `${found.speciality.name} (${found.presentation.label})`;
    }
    for (const cis of [...cises].sort()) {
      const found = await this.referential.findSpeciality(cis);
      if (found) names[cis] = found.name;
    }
    return names;
  }

  /** The person set at the back-office terminal when there is one, else the terminal. */
  private async actor(by: Principal): Promise<AuditActor> {
    const operator = await this.terminals.operator(by.terminalId, by.pharmacyId).catch(() => undefined);
    return operator ? personActor(operator) : { kind: 'terminal' };
  }
}
