import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/clock/clock';
import { Database } from '../core/database/database';
import { CoreException } from '../core/errors/core.exception';
import { MedicinesReferential } from '../medicines/medicines-referential.port';
import { PrescriptionService } from '../prescription/prescription.service';
import type { PrescriptionView } from '../prescription/prescription.view';
import type { Presentation } from '../medicines/medicines.types';
import type { ParsedScan } from '../scan/parsers';
import { ScanService } from '../scan/scan.service';
import { DispensationPackEntity } from './dispensation-pack.entity';
import { DispensationEntity } from './dispensation.entity';
import { DispensationException } from './dispensation.exception';
import { DispensationService } from './dispensation.service';
import type { DispensationView } from './dispensation.view';
import { PackRepository } from './pack.repository';
import { ReconciliationService } from './reconciliation.service';
import { DISPENSATION_DETAILS } from './error-messages';

/** The codes and GS1 data of a box, before the referential names it. */
interface PackCodes {
  cip13?: string;
  code?: string;
  expiry?: string;
  lot?: string;
  serial?: string;
}

export interface AddPackInput {
  scan?: string;
  cip13?: string;
  code?: string;
  quantity?: number;
  /** Units handed over from one box cut to give the exact number (R.5132-33). */
  units?: number;
  lineId?: string;
  /** The LGO's price of the box and its reimbursement rate (else the referential's). */
  unitPriceCents?: number;
  reimbursementRate?: number;
}

export interface Price {
  unitPriceCents?: number;
  reimbursementRate?: number;
}

/**
 * The price of a box as the execution carries it: the LGO's when given, else the BDPM's public price (the
 * price with the dispensing fee, else the price) and its first reimbursement rate, 0 for a presentation
 * the BDPM lists as not reimbursed. Unknown stays unknown (PRICE_UNKNOWN until the LGO gives it).
 */
export function priceOfPresentation(
  given: Price,
  presentation: Pick<Presentation, 'priceCents' | 'publicPriceCents' | 'reimbursementRates'> | undefined,
): { unitPriceCents: number | null; reimbursementRate: number | null } {
  const price = given.unitPriceCents ?? presentation?.publicPriceCents ?? presentation?.priceCents;
  const rate =
    given.reimbursementRate ?? (presentation ? (presentation.reimbursementRates[0] ?? 0) : undefined);
  return { unitPriceCents: price ?? null, reimbursementRate: rate ?? null };
}

/** A GS1 pack or a product barcode: CIP13 for a medicine (GTIN `0` + CIP13), the bare code otherwise. */
export function packCodes(scan: ParsedScan): PackCodes | undefined {
  if (scan.kind === 'product-code') {
    return scan.parsed.cip13 ? { cip13: scan.parsed.cip13 } : { code: scan.parsed.code };
  }
  if (scan.kind !== 'pack') return undefined;
  const { gtin, cip13, acl13, expiry, lot, serial } = scan.parsed;
  const codes: PackCodes = cip13
    ? { cip13 }
    : { code: acl13 ?? (/^0\d{13}$/.test(gtin) ? gtin.slice(1) : gtin) };
  if (expiry) codes.expiry = expiry;
  if (lot) codes.lot = lot;
  if (serial) codes.serial = serial;
  return codes;
}

/**
 * Packs and manual deliveries on a dispensation. A pack that parses is always taken: what is wrong with
 * it is an issue of the reconciliation, never a refusal. Each change is told to the terminal (SSE).
 */
@Injectable()
export class PacksService {
  private readonly logger = new Logger(PacksService.name);

  constructor(
    private readonly packs: PackRepository,
    private readonly dispensations: DispensationService,
    private readonly prescriptions: PrescriptionService,
    private readonly reconciliation: ReconciliationService,
    private readonly scans: ScanService,
    @Inject(MedicinesReferential) private readonly referential: MedicinesReferential,
    private readonly audit: AuditService,
    private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** `POST /api/v1/dispensations/:id/packs`. */
  async add(dispensationId: string, input: AddPackInput): Promise<DispensationView> {
    const given = [input.scan, input.cip13, input.code].filter((v) => v !== undefined);
    if (given.length !== 1) {
      throw new CoreException('VALIDATION_FAILED', DISPENSATION_DETAILS.VALIDATION_FAILED.onePackCode());
    }
    const d = await this.dispensations.findOpen(dispensationId);
    const scan = this.scans.parse(given[0]!);
    const codes = packCodes(scan);
    if (!codes || (input.cip13 !== undefined && !codes.cip13)) {
      throw new DispensationException(
        'NOT_A_PACK',
        DISPENSATION_DETAILS.NOT_A_PACK.kind({ kind: scan.kind }),
        {
          extra: { scanKind: scan.kind },
        },
      );
    }
    if (input.units !== undefined && (input.quantity ?? 1) !== 1) {
      throw new CoreException('VALIDATION_FAILED', DISPENSATION_DETAILS.VALIDATION_FAILED.cutBoxQuantity());
    }
    return this.insert(d, codes, {
      quantity: input.quantity ?? 1,
      units: input.units,
      lineId: input.lineId,
      price: { unitPriceCents: input.unitPriceCents, reimbursementRate: input.reimbursementRate },
    });
  }

  /** A pack or product code scanned on a terminal: into that terminal's open dispensation, if any. */
  async addScanned(
    terminalId: string,
    scan: ParsedScan,
    scanId: string,
  ): Promise<DispensationView | undefined> {
    const codes = packCodes(scan);
    const d = codes && (await this.dispensations.openOnTerminal(terminalId));
    return d ? this.insert(d, codes, { quantity: 1, scanId }) : undefined;
  }

  /** `PATCH …/packs/:packId`: the pharmacist says which line a pack answers, and/or the LGO its price. */
  async assign(
    dispensationId: string,
    packId: string,
    change: { lineId?: string } & Price,
  ): Promise<DispensationView> {
    const { lineId, unitPriceCents, reimbursementRate } = change;
    if (lineId === undefined && unitPriceCents === undefined && reimbursementRate === undefined) {
      throw new CoreException('VALIDATION_FAILED', DISPENSATION_DETAILS.VALIDATION_FAILED.priceChange());
    }
    const d = await this.dispensations.findOpen(dispensationId);
    const row = await this.row(d, packId, 'pack');
    const p = await this.prescription(d, lineId);
    const set: Parameters<PackRepository['update']>[2] = {};
    if (lineId !== undefined) Object.assign(set, { lineId, assignedBy: 'explicit' });
    if (unitPriceCents !== undefined) set.unitPriceCents = unitPriceCents;
    if (reimbursementRate !== undefined) set.reimbursementRate = reimbursementRate;
    const action = lineId !== undefined ? 'dispensation.pack.assigned' : 'dispensation.pack.priced';
    const data = {
      packId,
      lineId: lineId ?? null,
      unitPriceCents: unitPriceCents ?? null,
      reimbursementRate: reimbursementRate ?? null,
    };
    await this.audited(d, action, data, (m) => this.packs.update(m, row.packId, set));
    return this.dispensations.changed(d, p);
  }

  async remove(dispensationId: string, packId: string, kind: DispensationPackEntity['kind'] = 'pack') {
    const d = await this.dispensations.findOpen(dispensationId);
    await this.row(d, packId, kind);
    await this.audited(d, `dispensation.${kind}.removed`, { packId }, (m) => this.packs.delete(m, packId));
    this.logger.log({ dispensationId, packId, kind }, 'removed from the dispensation');
    return this.dispensations.changed(d);
  }

  /** `POST …/lines/:lineId/manual-delivery`: an item without a barcode (magistral, device without code). */
  async addManual(
    dispensationId: string,
    lineId: string,
    quantity: number,
    comment?: string,
    price: Price = {},
  ) {
    const d = await this.dispensations.findOpen(dispensationId);
    const p = await this.prescription(d, lineId);
    const line = p.lines.find((l) => l.lineId === lineId)!;
    if (line.kind === 'medication') {
      throw new DispensationException(
        'MANUAL_DELIVERY_NOT_ALLOWED',
        DISPENSATION_DETAILS.MANUAL_DELIVERY_NOT_ALLOWED.medication({ lineId }),
      );
    }
    const row: DispensationPackEntity = {
      ...this.blank(d),
      kind: 'manual',
      lineId,
      assignedBy: 'explicit',
      label: line.product.label ?? line.product.code ?? line.product.lpp ?? 'manual delivery',
      quantity,
      comment: comment ?? null,
      ...priceOfPresentation(price, undefined),
    };
    await this.audited(d, 'dispensation.manual.added', { packId: row.packId, lineId, quantity }, (m) =>
      this.insertNumbered(m, row),
    );
    return this.dispensations.changed(d, p);
  }

  async removeManual(dispensationId: string, lineId: string, deliveryId: string) {
    const d = await this.dispensations.findOpen(dispensationId);
    const row = await this.row(d, deliveryId, 'manual');
    if (row.lineId !== lineId)
      throw new DispensationException(
        'PACK_UNKNOWN',
        DISPENSATION_DETAILS.PACK_UNKNOWN.delivery({ deliveryId, lineId }),
      );
    return this.remove(dispensationId, deliveryId, 'manual');
  }

  private async insert(
    d: DispensationEntity,
    codes: PackCodes,
    options: { quantity: number; units?: number; lineId?: string; scanId?: string; price?: Price },
  ): Promise<DispensationView> {
    const p = await this.prescription(d, options.lineId);
    const product = codes.cip13 ? await this.referential.findByCip13(codes.cip13) : undefined;
    const label = product
      ? `${product.speciality.name} (${product.presentation.label})`
      : codes.cip13
        ? `CIP13 ${codes.cip13}`
        : `Code ${codes.code}`;
    const row: DispensationPackEntity = {
      ...this.blank(d),
      cip13: codes.cip13 ?? null,
      code: codes.code ?? null,
      cis: product?.speciality.cis ?? null,
      label: label.slice(0, 255),
      expiry: codes.expiry ?? null,
      lot: codes.lot ?? null,
      serial: codes.serial ?? null,
      quantity: options.quantity,
      units: options.units ?? null,
      scanId: options.scanId ?? null,
      ...priceOfPresentation(options.price ?? {}, product?.presentation),
    };
    if (options.lineId) {
      row.lineId = options.lineId;
      row.assignedBy = 'explicit';
    } else {
      const state = await this.reconciliation.state(d.id);
      row.lineId = (await this.reconciliation.chooseLine(d, p, state, row)) ?? null;
      row.assignedBy = row.lineId ? 'auto' : null;
    }
    const data = {
      packId: row.packId,
      lineId: row.lineId,
      cip13: row.cip13,
      code: row.code,
      units: row.units,
    };
    await this.audited(d, 'dispensation.pack.added', data, (m) => this.insertNumbered(m, row));
    this.logger.log(
      { dispensationId: d.id, packId: row.packId, lineId: row.lineId, cis: row.cis },
      'pack added',
    );
    return this.dispensations.changed(d, p);
  }

  /** Numbered after the dispensation's last row in the writing transaction (the order decides which scan is the duplicate). */
  private async insertNumbered(m: EntityManager, row: DispensationPackEntity): Promise<void> {
    row.seq = (await this.packs.lastSeq(m, row.dispensationId)) + 1;
    await this.packs.insert(m, row);
  }

  /** A new row, numbered when it is written. */
  private blank(d: DispensationEntity): DispensationPackEntity {
    return {
      pharmacyId: d.pharmacyId,
      packId: randomUUID(),
      dispensationId: d.id,
      seq: 0,
      kind: 'pack',
      lineId: null,
      assignedBy: null,
      cip13: null,
      code: null,
      cis: null,
      label: '',
      expiry: null,
      lot: null,
      serial: null,
      quantity: 1,
      units: null,
      unitPriceCents: null,
      reimbursementRate: null,
      scanId: null,
      comment: null,
      createdAt: this.clock.now(),
    };
  }

  /** A change and its audit entry in one transaction, while the dispensation is still open. */
  private async audited(
    d: DispensationEntity,
    action: string,
    data: Record<string, string | number | null>,
    work: (m: EntityManager) => Promise<unknown>,
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.dispensations.findOpen(d.id, m);
      await work(m);
      const op = d.operator;
      await this.audit.append(
        {
          action,
          actor: op ? { kind: 'person', rpps: op.rpps, role: op.role } : { kind: 'terminal' },
          terminalId: d.terminalId,
          pharmacyId: d.pharmacyId,
          subject: { type: 'dispensation', id: d.id },
          data,
        },
        m,
      );
    });
  }

  private async row(d: DispensationEntity, packId: string, kind: DispensationPackEntity['kind']) {
    const row = await this.packs.find(this.db.reader, d.id, packId, kind);
    if (!row)
      throw new DispensationException(
        'PACK_UNKNOWN',
        DISPENSATION_DETAILS.PACK_UNKNOWN.pack({ kind, packId, id: d.id }),
      );
    return row;
  }

  /** The dispensation's prescription; 404 LINE_UNKNOWN when a line is named that it does not have. */
  private async prescription(d: DispensationEntity, lineId?: string): Promise<PrescriptionView> {
    const p = await this.dispensations.prescriptionOf(d);
    if (lineId !== undefined && !p.lines.some((l) => l.lineId === lineId)) {
      throw new DispensationException(
        'LINE_UNKNOWN',
        DISPENSATION_DETAILS.LINE_UNKNOWN.notOnPrescription({ prescriptionId: d.prescriptionId, lineId }),
      );
    }
    return p;
  }
}
