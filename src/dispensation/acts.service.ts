import { personActor } from '../core/audit/audit-chain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { Pharmacies } from '../core/config/pharmacies';
import { Clock } from '../core/clock/clock';
import { hasMteSubstance, isMteSubstance } from '../medicines/domain/mte-list';
import { MedicinesReferential } from '../medicines/medicines-referential.port';
import type { Speciality } from '../medicines/medicines.types';
import { Operator, TerminalsService } from '../core/terminals/terminals.service';
import { PrescriptionService } from '../prescription/prescription.service';
import type { PrescriptionLineView, PrescriptionView } from '../prescription/prescription.view';
import { evaluateConditional } from './acts/conditional.rules';
import { renewalBody } from './acts/renewal-act';
import { assertSfpcCodes } from './acts/sfpc-validate';
import { canOverride, needsPrescriberAgreement } from './acts/validation.rules';
import type {
  ConditionalDto,
  InterventionDto,
  LineFlagsDto,
  NonDeliveryDto,
  OverrideDto,
  RenewalDto,
} from './dto/acts.dto';
import { ActRepository } from './act.repository';
import { ActType, DispensationActEntity } from './dispensation-act.entity';
import type { DispensationEntity } from './dispensation.entity';
import { DispensationException } from './dispensation.exception';
import { DispensationService } from './dispensation.service';
import { ReconciliationService } from './reconciliation.service';
import type { DispensationView } from './dispensation.view';
import { ISSUE_SEVERITY, isIssueCode } from './issue';
import { Database } from '../core/database/database';
import { DISPENSATION_DETAILS as D } from './error-messages';

interface NewAct {
  type: ActType;
  /** Given when another act refers to it (an override's intervention). */
  id?: string;
  lineId: string | null;
  body: Record<string, unknown>;
  /** What the audit entry carries (no free text, no patient data). */
  audit: Record<string, string | number | boolean | null>;
}

/**
 * Pharmacist acts on a dispensation's lines (API.md § Dispensations, docs/acts.md): each one is a new row
 * of `dispensation_acts` and an audit entry, written in one transaction while the dispensation is open.
 */
@Injectable()
export class ActsService {
  private readonly logger = new Logger(ActsService.name);

  constructor(
    private readonly acts: ActRepository,
    private readonly dispensations: DispensationService,
    private readonly prescriptions: PrescriptionService,
    private readonly terminals: TerminalsService,
    private readonly audit: AuditService,
    private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MedicinesReferential) private readonly referential: MedicinesReferential,
    private readonly pharmacies: Pharmacies,
    private readonly reconciliation: ReconciliationService,
  ) {}

  async intervention(id: string, lineId: string, body: InterventionDto, terminalId: string) {
    assertSfpcCodes(body);
    await this.line(id, lineId);
    const audit = { problemCode: body.problemCode, interventionCode: body.interventionCode };
    return this.record(id, terminalId, [{ type: 'intervention', lineId, body: { ...body }, audit }]);
  }

  /** A test result; a negative one also records the non-delivery `condition-not-met` (RULES.md). */
  async conditional(id: string, lineId: string, body: ConditionalDto, terminalId: string) {
    const { d, p, line } = await this.line(id, lineId);
    if (line.conditional?.test !== body.test) {
      throw new DispensationException(
        'CONDITIONAL_NOT_APPLICABLE',
        D.CONDITIONAL_NOT_APPLICABLE.noMention({ lineId, test: body.test }),
      );
    }
    // RULES.md § Conditional: the strip tests nitrites and leucocytes; both findings are kept with the result.
    if (body.test === 'bu-cystite' && !body.findings) {
      throw new DispensationException('CONDITIONAL_FINDINGS_REQUIRED', D.CONDITIONAL_FINDINGS_REQUIRED.bu());
    }
    const decision = evaluateConditional({
      line,
      prescriptionDate: p.createdAt.slice(0, 10),
      today: this.pharmacies.calendar(d.pharmacyId).today(),
      result: { ...body },
      substances: [],
      timeZone: this.pharmacies.calendar(d.pharmacyId).timeZone,
    });
    const audit = { test: body.test, result: body.result, decision: decision.kind };
    const acts: NewAct[] = [{ type: 'conditional', lineId, body: { ...body }, audit }];
    if (decision.kind === 'not-delivered') {
      acts.push({
        type: 'non-delivery',
        lineId,
        body: { reason: 'condition-not-met', comment: `${body.test} negative` },
        audit: { reason: 'condition-not-met' },
      });
    }
    return this.record(id, terminalId, acts);
  }

  async nonDelivery(id: string, lineId: string, body: NonDeliveryDto, terminalId: string) {
    await this.line(id, lineId);
    const audit = { reason: body.reason };
    return this.record(id, terminalId, [{ type: 'non-delivery', lineId, body: { ...body }, audit }]);
  }

  async renewal(id: string, lineId: string, body: RenewalDto, terminalId: string) {
    const { d, p, line } = await this.line(id, lineId);
    const stored = renewalBody({
      body,
      line,
      prescription: p,
      today: this.pharmacies.calendar(d.pharmacyId).today(),
      specialities: await this.specialitiesOf(id, line),
      previous: body.kind === 'exceptional-dispensation' ? await this.previousExceptional(d, lineId) : [],
    });
    const audit = { kind: body.kind };
    return this.record(id, terminalId, [{ type: 'renewal', lineId, body: stored, audit }]);
  }

  /** `PATCH …/lines/:lineId`: the flags are an act too (the latest one counts). */
  async flags(id: string, lineId: string, body: LineFlagsDto, terminalId: string) {
    const { line } = await this.line(id, lineId);
    // « non substituable MTE-PH » only on a product of the MTE list (arrêtés of 12 Nov 2019, 20 Jul 2022).
    if (body.mtePh && !(await this.onMteList(id, line))) {
      throw new DispensationException('MTE_PH_NOT_ALLOWED', D.MTE_PH_NOT_ALLOWED.notMte({ lineId }));
    }
    const flags: Record<string, unknown> = {};
    const audit: Record<string, boolean> = {};
    if (body.patientRefusedGeneric !== undefined)
      flags.patientRefusedGeneric = audit.patientRefusedGeneric = body.patientRefusedGeneric;
    if (body.mtePh !== undefined) flags.mtePh = audit.mtePh = body.mtePh;
    if (body.prescriberInformed) {
      flags.prescriberInformed = { at: body.prescriberInformed.at, channel: body.prescriberInformed.channel };
      audit.prescriberInformed = true;
    }
    if (body.securePaperConfirmed !== undefined) {
      flags.securePaperConfirmed = audit.securePaperConfirmed = body.securePaperConfirmed;
      if (body.securePaperReason) flags.securePaperReason = body.securePaperReason;
    }
    return this.record(id, terminalId, [{ type: 'line-flags', lineId, body: flags, audit }]);
  }

  /**
   * `POST …/issues/:code/override` (pharmacien only; LINE_NOT_ADDRESSED never): records why — a reason, or
   * an intervention (with the prescriber's agreement when the issue is about the product or the quantity,
   * since delivering anyway changes the prescription). The execution carries every override.
   */
  async override(id: string, code: string, body: OverrideDto, terminalId: string) {
    const { lineId, reason, intervention } = body;
    const operator = await this.operator(terminalId);
    const view = await this.dispensations.get(id);
    if (view.status !== 'open') await this.dispensations.findOpen(id);
    const issues = lineId ? view.lines.find((l) => l.lineId === lineId)?.reconciliation.issues : view.issues;
    if (!issues)
      throw new DispensationException(
        'LINE_UNKNOWN',
        D.LINE_UNKNOWN.notOnDispensation({ id, lineId: String(lineId) }),
      );
    const found = issues.find((i) => i.code === code);
    const decision = canOverride(operator.role, {
      code,
      severity: found?.severity ?? (isIssueCode(code) ? ISSUE_SEVERITY[code] : 'blocking'),
      details: found?.details,
    });
    if (!decision.ok && decision.code === 'FORBIDDEN') {
      throw new DispensationException('OVERRIDE_NOT_ALLOWED', decision.message, {
        extra: { role: operator.role },
      });
    }
    if (!decision.ok) throw new DispensationException('ISSUE_NOT_OVERRIDABLE', decision.message);
    if (!found) throw new DispensationException('ISSUE_UNKNOWN', D.ISSUE_UNKNOWN.notHere({ code }));
    if (!reason && !intervention) {
      throw new DispensationException('OVERRIDE_REASON_REQUIRED', D.OVERRIDE_REASON_REQUIRED.why());
    }
    if (intervention) {
      assertSfpcCodes(intervention);
      if (needsPrescriberAgreement(code) && !intervention.prescriberAgreement?.obtained) {
        throw new DispensationException(
          'PRESCRIBER_AGREEMENT_REQUIRED',
          D.PRESCRIBER_AGREEMENT_REQUIRED.agreement({ code }),
        );
      }
    }
    const acts: NewAct[] = [];
    const interventionId = intervention ? randomUUID() : undefined;
    if (intervention && lineId) {
      acts.push({
        type: 'intervention',
        lineId,
        id: interventionId,
        body: { ...intervention },
        audit: { problemCode: intervention.problemCode, interventionCode: intervention.interventionCode },
      });
    }
    const why = reason ?? `intervention ${intervention!.problemCode}/${intervention!.interventionCode}`;
    acts.push({
      type: 'override',
      lineId: lineId ?? null,
      body: {
        code,
        reason: why,
        ...(intervention ? { interventionId, intervention: { ...intervention } } : {}),
      },
      audit: { code, lineId: lineId ?? null, withIntervention: intervention !== undefined },
    });
    return this.record(id, terminalId, acts, operator);
  }

  /** `DELETE …/lines/:lineId/<act>/:actId`: sets cancelledAt (with the non-delivery a negative test made). */
  async cancel(id: string, lineId: string, type: ActType, actId: string, terminalId: string) {
    const operator = await this.operator(terminalId);
    await this.db.transaction(async (m) => {
      await this.dispensations.findOpen(id, m);
      const acts = await this.acts.onLine(m, id, lineId);
      const act = acts.find((a) => a.id === actId && a.type === type && !a.cancelledAt);
      if (!act) throw new DispensationException('ACT_UNKNOWN', D.ACT_UNKNOWN.act({ type, actId, lineId }));
      const now = this.clock.now();
      await this.acts.cancel(m, actId, now);
      await this.appendAudit(m, id, terminalId, operator, `dispensation.${type}.cancelled`, {
        actId,
        lineId,
      });
      if (type === 'conditional' && act.body.result === 'negative') {
        const nd = acts.filter((a) => a.type === 'non-delivery' && !a.cancelledAt && a.at >= act.at).pop();
        if (nd) await this.acts.cancel(m, nd.id, now);
      }
    });
    return this.dispensations.changed(await this.dispensations.find(id));
  }

  /** The person at the terminal: who the act is by (409 NO_OPERATOR when none is set). */
  operator(terminalId: string): Promise<Operator> {
    return this.terminals.requireOperator(terminalId);
  }

  private async record(
    id: string,
    terminalId: string,
    acts: NewAct[],
    by?: Operator,
  ): Promise<DispensationView> {
    const operator = by ?? (await this.operator(terminalId));
    await this.db.transaction(async (m) => {
      const d = await this.dispensations.findOpen(id, m);
      for (const a of acts) {
        const row: Omit<DispensationActEntity, 'seq'> = {
          pharmacyId: d.pharmacyId,
          id: a.id ?? randomUUID(),
          dispensationId: id,
          lineId: a.lineId,
          type: a.type,
          body: a.body,
          by: { rpps: operator.rpps, role: operator.role },
          terminalId,
          at: this.clock.now(),
          cancelledAt: null,
        };
        await this.acts.append(m, row);
        const action = `dispensation.${a.type}.${a.type === 'override' ? 'applied' : 'recorded'}`;
        await this.appendAudit(m, id, terminalId, operator, action, {
          actId: row.id,
          lineId: a.lineId,
          ...a.audit,
        });
      }
    });
    this.logger.log({ dispensationId: id, acts: acts.map((a) => a.type) }, 'acts recorded');
    return this.dispensations.changed(await this.dispensations.find(id));
  }

  private appendAudit(
    m: EntityManager,
    id: string,
    terminalId: string,
    operator: Operator,
    action: string,
    data: Record<string, string | number | boolean | null>,
  ) {
    return this.audit.append(
      {
        action,
        actor: personActor(operator),
        terminalId,
        subject: { type: 'dispensation', id },
        data,
      },
      m,
    );
  }

  /** The open dispensation's prescription line (404 LINE_UNKNOWN, 409 DISPENSATION_CLOSED). */
  private async line(
    id: string,
    lineId: string,
  ): Promise<{ d: DispensationEntity; p: PrescriptionView; line: PrescriptionLineView }> {
    const d = await this.dispensations.findOpen(id);
    const p = await this.dispensations.prescriptionOf(d);
    const line = p.lines.find((l) => l.lineId === lineId);
    if (!line)
      throw new DispensationException(
        'LINE_UNKNOWN',
        D.LINE_UNKNOWN.notOnPrescription({ prescriptionId: p.prescriptionId, lineId }),
      );
    return { d, p, line };
  }

  /** Exceptional deliveries already made on this line by this pharmacy's validated dispensations. */
  private async previousExceptional(d: DispensationEntity, lineId: string) {
    const rows = await this.acts.renewalsElsewhere(
      this.db.reader,
      d.pharmacyId,
      d.prescriptionId,
      d.id,
      lineId,
    );
    const calendar = this.pharmacies.calendar(d.pharmacyId);
    return rows
      .filter((a) => a.body.kind === 'exceptional-dispensation')
      .map((a) => ({
        date: calendar.dayOf(a.at),
        durationDays: Number(a.body.durationDays ?? 0),
      }));
  }

  /** The line's specialities: the prescribed one, else those of the packs on it. */
  private async specialitiesOf(id: string, line: PrescriptionLineView): Promise<Speciality[]> {
    const cis =
      line.product.cis ??
      (line.product.cip13
        ? (await this.referential.findByCip13(line.product.cip13))?.speciality.cis
        : undefined);
    const named = cis ? await this.referential.findSpeciality(cis) : undefined;
    if (named) return [named];
    const rows = (await this.reconciliation.rowsOf(id)).filter((r) => r.lineId === line.lineId && r.cis);
    const out: Speciality[] = [];
    for (const c of new Set(rows.map((r) => r.cis!))) {
      const s = await this.referential.findSpeciality(c);
      if (s) out.push(s);
    }
    return out;
  }

  /** Whether a line's product (prescribed, in DC, or delivered) has a substance of the MTE list. */
  private async onMteList(id: string, line: PrescriptionLineView): Promise<boolean> {
    if (line.product.dc && line.product.dc.substance.split(/[/+]/).some((x) => isMteSubstance(x)))
      return true;
    return (await this.specialitiesOf(id, line)).some((s) => hasMteSubstance(s.substances));
  }
}
