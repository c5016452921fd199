import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../core/clock/clock';
import { Pharmacies } from '../core/config/pharmacies';
import { Database } from '../core/database/database';
import { EventsService } from '../core/events/events.service';
import { TerminalsService } from '../core/terminals/terminals.service';
import { PrescriptionService } from '../prescription/prescription.service';
import type { PrescriptionView } from '../prescription/prescription.view';
import type { PrescriptionQr } from '../scan/parsers';
import { compareTranscription } from './degraded/compare';
import { transcribedView } from './degraded/transcription';
import { DispensationEntity } from './dispensation.entity';
import { DispensationException } from './dispensation.exception';
import { DispensationFilter, DispensationRepository } from './dispensation.repository';
import { DispensationView, toDispensationView } from './dispensation.view';
import { issue, Issue } from './issue';
import { ReconciliationService } from './reconciliation.service';
import { DISPENSATION_DETAILS } from './error-messages';

export interface OpenOptions {
  /** Dispensation-level issues found while opening (e.g. QR_DATA_MISMATCH); they replace those of the same code. */
  issues?: Issue[];
  /** The prescription just retrieved, to avoid reading it again. */
  prescription?: PrescriptionView;
}

/** 409 DISPENSATION_CLOSED, with the dispensation's status in `dispensationStatus`: the one body for it. */
export const dispensationClosed = (d: Pick<DispensationEntity, 'id' | 'status'>): DispensationException =>
  new DispensationException('DISPENSATION_CLOSED', DISPENSATION_DETAILS.DISPENSATION_CLOSED.closed(d), {
    extra: { dispensationStatus: d.status },
  });

/** 404 DISPENSATION_UNKNOWN: none of that id, or another pharmacy's. */
export const unknownDispensation = (id: string) =>
  new DispensationException(
    'DISPENSATION_UNKNOWN',
    DISPENSATION_DETAILS.DISPENSATION_UNKNOWN.unknown({ id }),
  );

/** Counter sessions: one open dispensation per prescription, resumed by whichever terminal scans it. */
@Injectable()
export class DispensationService {
  private readonly logger = new Logger(DispensationService.name);
  /** The dispensation each terminal last opened or resumed: where its scanned packs go. */
  private readonly current = new Map<string, string>();

  constructor(
    private readonly db: Database,
    private readonly dispensations: DispensationRepository,
    private readonly prescriptions: PrescriptionService,
    private readonly terminals: TerminalsService,
    private readonly reconciliation: ReconciliationService,
    private readonly events: EventsService,
    private readonly pharmacies: Pharmacies,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async openOrResume(
    prescriptionId: string,
    terminalId: string,
    options: OpenOptions = {},
  ): Promise<DispensationView> {
    const pharmacyId = this.pharmacies.resolve(undefined, terminalId);
    const prescription = options.prescription ?? (await this.prescriptions.get(pharmacyId, prescriptionId));
    const d = await this.db.transaction((m) =>
      this.openIn(m, prescriptionId, terminalId, prescription, options.issues),
    );
    return this.opened(d, prescription);
  }

  /**
   * Opens (or resumes on this terminal) the prescription's dispensation in the caller's transaction; call
   * `opened` once it commits. The counter opens it in the transaction that also keeps the scan and the
   * prescription's copy.
   */
  async openIn(
    m: EntityManager,
    prescriptionId: string,
    terminalId: string,
    prescription: PrescriptionView,
    issues: Issue[] = [],
  ): Promise<DispensationEntity> {
    const operator = (await this.terminals.operator(terminalId)) ?? null;
    const now = this.clock.now();
    const pharmacyId = this.pharmacies.resolve(undefined, terminalId);
    const open = await this.dispensations.openOf(m, pharmacyId, prescriptionId);
    const isNew = !open;
    let d: DispensationEntity;
    if (open) {
      d = open;
      d.terminalId = terminalId;
      d.operator = operator;
      d.updatedAt = now;
    } else {
      d = {
        pharmacyId,
        id: randomUUID(),
        prescriptionId,
        terminalId,
        status: 'open',
        renewalNumber: 0,
        operator,
        issues: [],
        degraded: false,
        transcription: null,
        closure: null,
        patientIns: null,
        createdAt: now,
        updatedAt: now,
      };
    }
    const codes = new Set(issues.map((i) => i.code));
    d.issues = [...d.issues.filter((i) => !codes.has(i.code)), ...issues];
    // Opened in degraded mode and retrieved now: compared with the transcription (or a normal one, if none).
    if (d.degraded && d.transcription && prescription.source !== 'transcription') {
      this.applyRetrieval(d, prescription, now);
    }
    if (isNew) await this.dispensations.insert(m, d);
    else
      await this.dispensations.update(m, d.id, {
        terminalId,
        operator,
        issues: d.issues,
        degraded: d.degraded,
        transcription: d.transcription,
        updatedAt: now,
      });
    return d;
  }

  /**
   * Degraded mode (API.md § Dispensations): the teleservice cannot be reached at the scan, so the QR opens
   * the prescription's dispensation from its identity data (or resumes the one open), for the pharmacist
   * to transcribe the paper's lines. In the caller's transaction; call `opened` once it commits.
   */
  async openDegradedIn(
    m: EntityManager,
    qr: PrescriptionQr,
    terminalId: string,
    issues: Issue[] = [],
  ): Promise<DispensationEntity> {
    const pharmacyId = this.pharmacies.resolve(undefined, terminalId);
    const open = await this.dispensations.openOf(m, pharmacyId, qr.prescriptionId);
    if (open) {
      const operator = (await this.terminals.operator(terminalId)) ?? null;
      const now = this.clock.now();
      await this.dispensations.update(m, open.id, { terminalId, operator, updatedAt: now });
      return { ...open, terminalId, operator, updatedAt: now };
    }
    const now = this.clock.now();
    const d: DispensationEntity = {
      pharmacyId,
      id: randomUUID(),
      prescriptionId: qr.prescriptionId,
      terminalId,
      status: 'open',
      renewalNumber: 0,
      operator: (await this.terminals.operator(terminalId)) ?? null,
      issues,
      degraded: true,
      transcription: {
        patient: { ...qr.patient },
        prescriber: { ...qr.prescriber },
        createdAt: this.dispensingDate(pharmacyId),
        lines: [],
        state: 'pending',
      },
      closure: null,
      patientIns: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.dispensations.insert(m, d);
    return d;
  }

  /**
   * The teleservice's prescription against a degraded dispensation's transcription: none transcribed yet,
   * the dispensation simply goes on as a normal one; otherwise `equal`, or `differs` with
   * TRANSCRIPTION_DIFFERS (a confirmed transcription stays confirmed). Changes `d`; the caller writes it.
   */
  applyRetrieval(d: DispensationEntity, retrieved: PrescriptionView, now: Date): void {
    const t = d.transcription!;
    if (t.lines.length === 0 && d.status === 'open') {
      d.degraded = false;
      d.transcription = null;
      return;
    }
    const differences = compareTranscription(t.lines, retrieved.lines);
    const confirmed = t.state === 'confirmed';
    d.transcription = {
      ...t,
      state: differences.length === 0 ? 'equal' : confirmed ? 'confirmed' : 'differs',
      differences,
      comparedAt: now.toISOString(),
    };
    const others = d.issues.filter((i) => i.code !== 'TRANSCRIPTION_DIFFERS');
    d.issues =
      d.transcription.state === 'differs'
        ? [...others, issue('TRANSCRIPTION_DIFFERS', { differences })]
        : others;
  }

  /** The prescription a dispensation works on: the teleservice's copy, or in degraded mode the paper's. */
  async prescriptionOf(d: DispensationEntity): Promise<PrescriptionView> {
    if (d.degraded && d.transcription) {
      const retrieved = await this.prescriptions.stored(d.pharmacyId, d.prescriptionId);
      return transcribedView(
        d.prescriptionId,
        d.transcription,
        retrieved,
        this.prescriptions.ownFiness(d.pharmacyId),
        d.createdAt,
      );
    }
    return this.prescriptions.get(d.pharmacyId, d.prescriptionId);
  }

  /** After `openIn` committed: the terminal works on it now, and sees it (SSE `dispensation-updated`). */
  async opened(d: DispensationEntity, prescription?: PrescriptionView): Promise<DispensationView> {
    this.current.set(d.terminalId, d.id);
    this.logger.log(
      { dispensationId: d.id, prescriptionId: d.prescriptionId, terminalId: d.terminalId },
      'dispensation opened',
    );
    const view = await this.view(d, prescription);
    this.events.publish('dispensation-updated', view, d.terminalId, d.pharmacyId);
    return view;
  }

  async get(id: string): Promise<DispensationView> {
    return this.view(await this.find(id));
  }

  /** The pharmacy's dispensations. */
  async list(pharmacyId: string, filter: DispensationFilter): Promise<DispensationView[]> {
    const rows = await this.dispensations.list(this.db.reader, pharmacyId, filter);
    return Promise.all(rows.map((d) => this.view(d)));
  }

  /** The pharmacy and terminal a dispensation was opened (or last resumed) on; 404 DISPENSATION_UNKNOWN. */
  async ownerOf(id: string): Promise<{ pharmacyId: string; terminalId: string }> {
    const owner = await this.dispensations.ownerOf(this.db.reader, id);
    if (owner === undefined) throw unknownDispensation(id);
    return owner;
  }

  /** The dispensation (read in `m`'s transaction when given), or 404 DISPENSATION_UNKNOWN. */
  async find(id: string, m?: EntityManager): Promise<DispensationEntity> {
    const d = await this.dispensations.find(m ?? this.db.reader, id);
    if (!d) throw unknownDispensation(id);
    return d;
  }

  /**
   * The dispensation if it may still change (read in `m`'s transaction when given): the one open check,
   * 404 DISPENSATION_UNKNOWN, or 409 DISPENSATION_CLOSED once validated (or later).
   */
  async findOpen(id: string, m?: EntityManager): Promise<DispensationEntity> {
    const d = await this.find(id, m);
    if (d.status !== 'open') throw dispensationClosed(d);
    return d;
  }

  /** The open dispensation a terminal works on (the last one it opened), where its scanned packs go. */
  async openOnTerminal(terminalId: string): Promise<DispensationEntity | undefined> {
    const id = this.current.get(terminalId);
    const last = id ? await this.dispensations.openOnTerminal(this.db.reader, terminalId, id) : null;
    // Resumed elsewhere, closed, or after a restart: the terminal's open dispensation touched last.
    return last ?? (await this.dispensations.openOnTerminal(this.db.reader, terminalId)) ?? undefined;
  }

  /**
   * Moves a dispensation along the states later stages own (validated → acknowledged by the execution stage,
   * → invoiced by invoicing), in the caller's transaction; a no-op unless it is in `from`. Returns whether
   * it moved; the caller calls `announce` once committed.
   */
  async advanceIn(
    m: EntityManager,
    id: string,
    from: DispensationEntity['status'],
    to: DispensationEntity['status'],
  ): Promise<boolean> {
    return this.dispensations.move(m, id, from, to, this.clock.now());
  }

  /** Tells the dispensation's terminal its new state (SSE `dispensation-updated`), after a commit. */
  async announce(id: string): Promise<void> {
    const d = await this.find(id);
    this.events.publish('dispensation-updated', await this.view(d), d.terminalId, d.pharmacyId);
  }

  /**
   * Replaces the dispensation-level issues of one code (e.g. PATIENT_MISMATCH after a card is read), and
   * keeps the qualified INS read at the counter when it matched the prescription (the execution sends it).
   */
  async replaceIssues(
    d: DispensationEntity,
    code: string,
    issues: Issue[],
    ins?: DispensationEntity['patientIns'],
  ): Promise<DispensationView> {
    d.issues = [...d.issues.filter((i) => i.code !== code), ...issues];
    if (ins) d.patientIns = ins;
    await this.db.transaction((m) =>
      this.dispensations.update(m, d.id, { issues: d.issues, ...(ins ? { patientIns: ins } : {}) }),
    );
    return this.changed(d);
  }

  /** After a change to its packs: marks the dispensation updated and tells its terminal (SSE). */
  async changed(d: DispensationEntity, prescription?: PrescriptionView): Promise<DispensationView> {
    d.updatedAt = this.clock.now();
    await this.db.transaction((m) => this.dispensations.update(m, d.id, { updatedAt: d.updatedAt }));
    const view = await this.view(d, prescription);
    this.events.publish('dispensation-updated', view, d.terminalId, d.pharmacyId);
    return view;
  }

  /** The Dispensation of API.md: one reconciliation of its packs, acts and overrides, made now. */
  async view(d: DispensationEntity, prescription?: PrescriptionView): Promise<DispensationView> {
    const p =
      prescription && !(d.degraded && prescription.source !== 'transcription')
        ? prescription
        : await this.prescriptionOf(d);
    const state = await this.reconciliation.state(d.id);
    return toDispensationView(d, p, state.rows, await this.reconciliation.project(d, p, state), state.acts);
  }

  /** The dispensing date: the pharmacy's calendar day now (its time zone; TZ, Europe/Paris by default). */
  dispensingDate(pharmacyId: string): string {
    return this.reconciliation.dispensingDate(pharmacyId);
  }

  /** Acts of a dispensation in the order recorded. */
  actsOf(dispensationId: string) {
    return this.reconciliation.actsOf(dispensationId);
  }
}
