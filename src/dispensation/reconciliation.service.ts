import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../core/clock/clock';
import { MedicinesReferential } from '../medicines/medicines-referential.port';
import type { PrescriptionView } from '../prescription/prescription.view';
import { DispensationPackEntity } from './dispensation-pack.entity';
import { DispensationEntity } from './dispensation.entity';
import { calendarDay } from './reconciliation/dates';
import { chooseLine, reconcile } from './reconciliation/reconcile';
import type { ReconciliationResult } from './reconciliation/reconciliation.types';
import { loadFacts, PackRecord } from './reconciliation/referential-facts';

/** The pharmacy's time zone (API.md: `TZ`, default Europe/Paris): it decides the dispensing date. */
export function pharmacyTimeZone(): string {
  return process.env.TZ || 'Europe/Paris';
}

function toRecord(r: DispensationPackEntity, elsewhere: Set<string>): PackRecord {
  const record: PackRecord = { packId: r.packId, quantity: r.quantity };
  if (r.lineId !== null) record.lineId = r.lineId;
  if (r.cip13) record.cip13 = r.cip13;
  if (r.code) record.code = r.code;
  if (r.expiry) record.expiry = r.expiry;
  if (r.lot) record.lot = r.lot;
  if (r.serial) {
    record.serial = r.serial;
    if (elsewhere.has(serialKey(r.cip13 ?? r.code, r.serial))) record.serialSeenElsewhere = true;
  }
  return record;
}

const serialKey = (product: string | null, serial: string): string => `${product ?? ''}\u0000${serial}`;

/**
 * Reconciliation with its I/O: reads a dispensation's packs and the referential facts they need, then
 * runs the pure rules of `reconciliation/`. Nothing is stored: the result is computed on each read.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @InjectRepository(DispensationPackEntity) private readonly packs: Repository<DispensationPackEntity>,
    @Inject(MedicinesReferential) private readonly referential: MedicinesReferential,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The dispensing date: the pharmacy's calendar day now. */
  dispensingDate(): string {
    return calendarDay(this.clock.now(), pharmacyTimeZone());
  }

  /** Packs and manual deliveries of a dispensation, in the order they were added. */
  rowsOf(dispensationId: string): Promise<DispensationPackEntity[]> {
    return this.packs.find({ where: { dispensationId }, order: { seq: 'ASC', createdAt: 'ASC' } });
  }

  async reconcile(
    d: DispensationEntity,
    p: PrescriptionView,
    rows: DispensationPackEntity[],
  ): Promise<ReconciliationResult> {
    const elsewhere = await this.serialsElsewhere(d.id, rows);
    const packs = rows.filter((r) => r.kind === 'pack').map((r) => toRecord(r, elsewhere));
    const manual = rows
      .filter((r) => r.kind === 'manual' && r.lineId !== null)
      .map((r) => ({ deliveryId: r.packId, lineId: r.lineId!, quantity: r.quantity }));
    return reconcile(await loadFacts(this.referential, p, packs, manual, this.dispensingDate()));
  }

  /** The line a new pack goes to when the pharmacist names none (undefined: it fits no line). */
  async chooseLine(
    d: DispensationEntity,
    p: PrescriptionView,
    rows: DispensationPackEntity[],
    draft: DispensationPackEntity,
  ): Promise<string | undefined> {
    const current = await this.reconcile(d, p, rows);
    const candidate = await loadFacts(
      this.referential,
      p,
      [toRecord(draft, new Set())],
      [],
      this.dispensingDate(),
    );
    return chooseLine(candidate.packs[0], candidate.lines, current);
  }

  /** A serial scanned on another dispensation of this pharmacy (not cancelled): one indexed query. */
  private async serialsElsewhere(
    dispensationId: string,
    rows: DispensationPackEntity[],
  ): Promise<Set<string>> {
    const serials = [...new Set(rows.filter((r) => r.serial).map((r) => r.serial!))];
    if (serials.length === 0) return new Set();
    const found = await this.packs
      .createQueryBuilder('p')
      .innerJoin(DispensationEntity, 'd', 'd.id = p.dispensationId')
      .select(['p.serial AS serial', 'p.cip13 AS cip13', 'p.code AS code'])
      .where('p.serial IN (:...serials)', { serials })
      .andWhere('p.dispensationId != :dispensationId', { dispensationId })
      .andWhere("d.status != 'cancelled'")
      .getRawMany<{ serial: string; cip13: string | null; code: string | null }>();
    return new Set(found.map((f) => serialKey(f.cip13 ?? f.code, f.serial)));
  }
}
