import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Pharmacies } from '../core/config/pharmacies';
import { Database } from '../core/database/database';
import { MedicinesReferential } from '../medicines/medicines-referential.port';
import { PrescriptionService } from '../prescription/prescription.service';
import type { PrescriptionView } from '../prescription/prescription.view';
import { actFacts, lineActs, overrides } from './acts/act-state';
import { DispensationActEntity } from './dispensation-act.entity';
import { DispensationPackEntity } from './dispensation-pack.entity';
import { DispensationEntity } from './dispensation.entity';
import { ActRepository } from './act.repository';
import { PackRepository } from './pack.repository';
import { chooseLine, reconcile } from './reconciliation/reconcile';
import type { ReconciliationInput, ReconciliationResult } from './reconciliation/reconciliation.types';
import { knownPrescriptions, loadFacts, needsHistory, PackRecord } from './reconciliation/referential-facts';

function toRecord(r: DispensationPackEntity, elsewhere: Set<string>): PackRecord {
  const record: PackRecord = { packId: r.packId, quantity: r.quantity };
  if (r.lineId !== null) record.lineId = r.lineId;
  if (r.cip13) record.cip13 = r.cip13;
  if (r.code) record.code = r.code;
  if (r.expiry) record.expiry = r.expiry;
  if (r.lot) record.lot = r.lot;
  if (r.units !== null && r.units !== undefined) record.units = r.units;
  record.priced = r.unitPriceCents !== null && r.reimbursementRate !== null;
  if (r.serial) {
    record.serial = r.serial;
    if (elsewhere.has(serialKey(r.cip13 ?? r.code, r.serial))) record.serialSeenElsewhere = true;
  }
  return record;
}

const serialKey = (product: string | null, serial: string): string => `${product ?? ''}\u0000${serial}`;

/** A dispensation's state as the projection reads it. */
export interface DispensationState {
  rows: DispensationPackEntity[];
  acts: DispensationActEntity[];
}

/**
 * The projection's I/O: reads what is on a dispensation (packs, manual deliveries, acts), the referential
 * facts they need and, when a product forbids overlaps, the patient's other prescriptions; then runs the
 * one reconciliation (`reconciliation/reconcile.ts`), on the pharmacy's calendar day. Nothing is stored:
 * it is computed once per change and per read.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly db: Database,
    private readonly packs: PackRepository,
    private readonly acts: ActRepository,
    @Inject(MedicinesReferential) private readonly referential: MedicinesReferential,
    private readonly prescriptions: PrescriptionService,
    private readonly pharmacies: Pharmacies,
  ) {}

  /** The dispensing date: the pharmacy's calendar day now. */
  dispensingDate(pharmacyId: string): string {
    return this.pharmacies.calendar(pharmacyId).today();
  }

  /** Packs and manual deliveries of a dispensation, in the order they were added. */
  rowsOf(dispensationId: string, m: EntityManager = this.db.reader): Promise<DispensationPackEntity[]> {
    return this.packs.rowsOf(m, dispensationId);
  }

  /** Acts of a dispensation in the order recorded. */
  actsOf(dispensationId: string, m: EntityManager = this.db.reader): Promise<DispensationActEntity[]> {
    return this.acts.actsOf(m, dispensationId);
  }

  async state(dispensationId: string): Promise<DispensationState> {
    const [rows, acts] = await Promise.all([this.rowsOf(dispensationId), this.actsOf(dispensationId)]);
    return { rows, acts };
  }

  /** The one reconciliation of a dispensation in this state. */
  async project(
    d: DispensationEntity,
    p: PrescriptionView,
    s: DispensationState,
  ): Promise<ReconciliationResult> {
    const input = await this.input(d, p, s, true);
    if (needsHistory(input)) {
      input.otherPrescriptions = await knownPrescriptions(
        this.referential,
        await this.prescriptions.othersOfPatient(d.pharmacyId, p),
      );
    }
    return reconcile(input);
  }

  /** The line a new pack goes to when the pharmacist names none (undefined: it fits no line). */
  async chooseLine(
    d: DispensationEntity,
    p: PrescriptionView,
    s: DispensationState,
    draft: DispensationPackEntity,
  ): Promise<string | undefined> {
    const current = await this.input(d, p, s, false);
    const candidate = await loadFacts(
      this.referential,
      p,
      [toRecord(draft, new Set())],
      [],
      current.dispensingDate,
    );
    return chooseLine(candidate.packs[0], current);
  }

  private async input(
    d: DispensationEntity,
    p: PrescriptionView,
    s: DispensationState,
    withSerials: boolean,
  ): Promise<ReconciliationInput> {
    const elsewhere = withSerials ? await this.serialsElsewhere(d, s.rows) : new Set<string>();
    const packs = s.rows.filter((r) => r.kind === 'pack').map((r) => toRecord(r, elsewhere));
    const manual = s.rows
      .filter((r) => r.kind === 'manual' && r.lineId !== null)
      .map((r) => ({
        deliveryId: r.packId,
        lineId: r.lineId!,
        quantity: r.quantity,
        priced: r.unitPriceCents !== null && r.reimbursementRate !== null,
      }));
    const acts = Object.fromEntries(p.lines.map((l) => [l.lineId, actFacts(lineActs(s.acts, l.lineId))]));
    const calendar = this.pharmacies.calendar(d.pharmacyId);
    return loadFacts(this.referential, p, packs, manual, calendar.today(), {
      timeZone: calendar.timeZone,
      acts,
      overrides: overrides(s.acts),
      dispensationIssues: d.issues,
      transcribed: d.degraded,
    });
  }

  /** A serial scanned on another dispensation of this pharmacy (not cancelled): one indexed query. */
  private async serialsElsewhere(
    d: DispensationEntity,
    rows: DispensationPackEntity[],
  ): Promise<Set<string>> {
    const serials = [...new Set(rows.filter((r) => r.serial).map((r) => r.serial!))];
    if (serials.length === 0) return new Set();
    const found = await this.packs.serialsElsewhere(this.db.reader, d.pharmacyId, d.id, serials);
    return new Set(found.map((f) => serialKey(f.cip13 ?? f.code, f.serial)));
  }
}
