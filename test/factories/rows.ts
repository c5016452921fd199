import { randomUUID } from 'node:crypto';
import type { OutboxExecutionEntity } from '../../src/core/outbox/outbox-execution.entity';
import type { InvoiceRejectionEntity } from '../../src/back-office/rejections/invoice-rejection.entity';
import type { DispensationActEntity } from '../../src/dispensation/dispensation-act.entity';
import type { DispensationPackEntity } from '../../src/dispensation/dispensation-pack.entity';
import type { DispensationEntity } from '../../src/dispensation/dispensation.entity';
import type { InvoiceEntity } from '../../src/invoicing/invoice.entity';
import type { PrescriptionEntity } from '../../src/prescription/prescription.entity';

/** Rows as the repositories write them, for the medium tests of each repository. */
export const T0 = new Date('2026-11-20T09:00:00.000Z');
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

export function outboxRow(over: Partial<OutboxExecutionEntity> = {}): OutboxExecutionEntity {
  return {
    pharmacyId: 'default',
    id: randomUUID(),
    prescriptionId: 'P1',
    sequence: 1,
    kind: 'execution',
    dispensationId: null,
    cancels: null,
    payload: { lines: [] },
    status: 'queued',
    attempts: 0,
    claimedBy: null,
    lastError: null,
    acknowledgement: null,
    acknowledgedAt: null,
    nextAttemptAt: T0,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function dispensationRow(over: Partial<DispensationEntity> = {}): DispensationEntity {
  return {
    pharmacyId: 'default',
    id: randomUUID(),
    prescriptionId: 'P1',
    terminalId: 'counter-1',
    status: 'open',
    renewalNumber: 0,
    operator: null,
    issues: [],
    degraded: false,
    transcription: null,
    closure: null,
    patientIns: null,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function packRow(over: Partial<DispensationPackEntity> = {}): DispensationPackEntity {
  return {
    pharmacyId: 'default',
    packId: randomUUID(),
    dispensationId: 'D1',
    seq: 1,
    kind: 'pack',
    lineId: null,
    assignedBy: null,
    cip13: '3400941533969',
    code: null,
    cis: null,
    label: 'DOLIPRANE',
    expiry: null,
    lot: null,
    serial: null,
    quantity: 1,
    units: null,
    unitPriceCents: null,
    reimbursementRate: null,
    scanId: null,
    comment: null,
    createdAt: T0,
    ...over,
  };
}

export function actRow(over: Partial<DispensationActEntity> = {}): Omit<DispensationActEntity, 'seq'> {
  return {
    pharmacyId: 'default',
    id: randomUUID(),
    dispensationId: 'D1',
    lineId: 'L1',
    type: 'intervention',
    body: { problemCode: '6.1', interventionCode: '3' },
    by: { rpps: '10001234567', role: 'pharmacien' },
    terminalId: 'counter-1',
    at: T0,
    cancelledAt: null,
    ...over,
  };
}

export function prescriptionRow(over: Partial<PrescriptionEntity> = {}): PrescriptionEntity {
  return {
    pharmacyId: 'default',
    prescriptionId: 'P1',
    data: { prescriptionId: over.prescriptionId ?? 'P1' } as PrescriptionEntity['data'],
    retrievedAt: T0,
    patientKey: 'k1',
    prescriberRpps: '10000000001',
    ...over,
  };
}

export function invoiceRow(over: Partial<InvoiceEntity> = {}): InvoiceEntity {
  return {
    pharmacyId: 'default',
    id: randomUUID(),
    dispensationId: 'D1',
    prescriptionId: 'P1',
    fseNumber: 'F1',
    billingNumber: null,
    invoicedAt: T0,
    amountCents: null,
    override: null,
    postInvoiceExecutionId: randomUUID(),
    createdAt: T0,
    ...over,
  };
}

export function rejectionRow(over: Partial<InvoiceRejectionEntity> = {}): InvoiceRejectionEntity {
  return {
    pharmacyId: 'default',
    id: randomUUID(),
    invoiceId: randomUUID(),
    dispensationId: 'D1',
    prescriptionId: 'P1',
    fseNumber: 'F1',
    billingNumber: null,
    invoiceDate: '2026-11-20',
    rejectionCode: 'R1',
    label: 'rejet',
    amountCents: null,
    receivedAt: T0,
    status: 'new',
    comment: null,
    source: 'api',
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}
