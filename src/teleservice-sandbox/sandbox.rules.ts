import { createHash } from 'node:crypto';
import { addMonths, defaultTimeZone, localDate } from '../core/clock/calendar';
import type {
  DeliveredLine,
  ExecutionKind,
  ExecutionPayload,
  PharmacyRef,
  PrescriptionStatus,
  QrTraits,
  RecordedExecution,
} from '../prescription/teleservice/teleservice.types';
import { comparePatientTraits, normalizeTrait } from '../prescription/identity-traits';
import type { StoredRecord, StoredSeed } from './sandbox.store';

/** Names compared as Comptoir's anti-fraud check compares them (one normalisation for both sides). */
export const normalizeName = normalizeTrait;

/** Fields of the QR traits that differ from the prescription (empty when they match). */
export function qrMismatches(seed: StoredSeed, qr: QrTraits): string[] {
  const out: string[] = comparePatientTraits(qr, seed.patient);
  if (qr.prescriberRpps !== undefined && qr.prescriberRpps !== seed.prescriber.rpps)
    out.push('prescriber.rpps');
  if (qr.prescriberAm !== undefined && qr.prescriberAm !== seed.prescriber.am) out.push('prescriber.am');
  return out;
}

/** createdAt + 12 months (R.5132-21 caps a treatment at twelve months). */
export function defaultExpiry(createdAt: string): string {
  return addMonths(createdAt, 12);
}

/** Boxes a line may deliver in all: per delivery × (1 + renewals); one box when the line gives none. */
export function entitlement(line: StoredSeed['lines'][number]): number {
  return (line.quantity?.boxes ?? 1) * ((line.renewals ?? 0) + 1);
}

export function deliveredByLine(records: StoredRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) {
    if (r.kind !== 'execution' || r.cancelled) continue;
    for (const l of r.lines) out.set(l.lineId, (out.get(l.lineId) ?? 0) + l.quantity);
  }
  return out;
}

/** Whether an execution is an exceptional supplementary dispensation (R.5123-2-1) on one of its lines. */
export function isExceptional(execution: ExecutionPayload): boolean {
  return execution.lines.some((l) => l.renewal?.kind === 'exceptional-dispensation');
}

export function fullyExecuted(seed: StoredSeed, records: StoredRecord[]): boolean {
  const delivered = deliveredByLine(records);
  return seed.lines.every((l) => (delivered.get(l.lineId) ?? 0) >= entitlement(l));
}

/** A status the prescriber or the base set (`POST /sandbox/prescriptions/:id/status`). */
export type SetStatus = 'cancelled' | 'expired';

/**
 * The prescription's status: what the prescriber or the base set first, then delivered in full, past its
 * record expiry, delivered in part (a live execution by any pharmacy), or open.
 */
export function prescriptionStatus(
  seed: StoredSeed,
  records: StoredRecord[],
  today: string,
  set?: SetStatus,
): PrescriptionStatus {
  if (set === 'cancelled') return 'cancelled';
  if (fullyExecuted(seed, records)) return 'fully-executed';
  if (set === 'expired' || today > seed.expiresAt) return 'expired';
  return deliveredByLine(records).size > 0 ? 'partially-executed' : 'open';
}

/**
 * What the teleservice requires of an execution (API.md § Executions and invoicing, the issue's list):
 * the prescriber's RPPS, the pharmacy's FINESS and AM number, the operator's RPPS, and per delivered
 * product its code (CIP13, or a device's code), quantity, unit price and reimbursement rate. The paths
 * missing, empty when complete.
 */
export function missingMandatory(execution: ExecutionPayload): string[] {
  const out: string[] = [];
  if (!execution.prescriber?.rpps) out.push('prescriber.rpps');
  if (!execution.pharmacy?.finess) out.push('pharmacy.finess');
  if (!execution.pharmacy?.am) out.push('pharmacy.am');
  if (!execution.pharmacist?.rpps) out.push('pharmacist.rpps');
  execution.lines.forEach((line, i) =>
    line.products.forEach((p, j) => {
      const at = `lines[${i}].products[${j}]`;
      if (!p.cip13 && !p.code) out.push(`${at}.cip13`);
      if (p.quantity === undefined) out.push(`${at}.quantity`);
      if (p.unitPriceCents === undefined) out.push(`${at}.unitPriceCents`);
      if (p.reimbursementRate === undefined) out.push(`${at}.reimbursementRate`);
    }),
  );
  return out;
}

/** Boxes delivered per line by one execution payload. */
export function deliveredLines(execution: ExecutionPayload): DeliveredLine[] {
  return execution.lines.map((l) => ({
    lineId: l.lineId,
    quantity: l.products.reduce((n, p) => n + p.quantity, 0),
  }));
}

export type SequenceDecision =
  | { action: 'accept' }
  | { action: 'replay'; record: StoredRecord }
  | { action: 'conflict'; record?: StoredRecord }
  | { action: 'out-of-order'; expected: number };

/**
 * Sequential mode, per prescription and per executing pharmacy: n is accepted only after n-1; an
 * already-used n with the same kind and payload is a replay, with anything else a conflict.
 */
export function decideSequence(
  ownRecords: StoredRecord[],
  sequence: number,
  kind: ExecutionKind,
  payloadHash: string,
): SequenceDecision {
  const expected = ownRecords.reduce((max, r) => Math.max(max, r.sequence), 0) + 1;
  if (sequence === expected) return { action: 'accept' };
  if (sequence > expected) return { action: 'out-of-order', expected };
  const record = ownRecords.find((r) => r.sequence === sequence);
  if (record && record.kind === kind && record.payloadHash === payloadHash)
    return { action: 'replay', record };
  return { action: 'conflict', record };
}

/** Stable JSON (sorted keys) so that equal payloads hash equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function payloadHash(kind: ExecutionKind, payload: unknown): string {
  return createHash('sha256').update(canonicalJson({ kind, payload })).digest('hex');
}

export function pharmacyKey(pharmacy: PharmacyRef): string {
  if (pharmacy.finess) return `finess:${pharmacy.finess}`;
  if (pharmacy.am) return `am:${pharmacy.am}`;
  return `name:${normalizeName(pharmacy.name ?? '')}`;
}

export function toRecordedExecution(r: StoredRecord): RecordedExecution {
  return {
    pharmacy: r.pharmacy,
    sequence: r.sequence,
    kind: r.kind,
    date: r.date,
    receivedAt: r.receivedAt,
    cancelled: r.cancelled,
    lines: r.lines,
  };
}

/** The sandbox's calendar day of an instant (its `TZ`, Europe/Paris by default: core/clock/calendar.ts). */
export function sandboxDay(at: Date): string {
  return localDate(at, defaultTimeZone());
}
