import { randomUUID } from 'node:crypto';
import type { AssertionClaims } from '../prescription/teleservice/security/signer.port';
import { FaultCode, OperationName, OPERATIONS } from './wire/operations';
import type {
  Acknowledgement,
  ExecutionKind,
  ExecutionPayload,
  InvoiceUpdate,
  PharmacyRef,
} from '../prescription/teleservice/teleservice.types';
import {
  decideSequence,
  deliveredLines,
  fullyExecuted,
  isExceptional,
  missingMandatory,
  payloadHash,
  pharmacyKey,
  sandboxDay,
  SetStatus,
} from './sandbox.rules';
import type { LedgerEntry, SandboxStore, StoredRecord, StoredSeed } from './sandbox.store';

/** A business refusal, answered as a SOAP fault with this code. */
export class SandboxFault extends Error {
  constructor(
    readonly code: FaultCode,
    message: string,
    readonly extra: { expectedSequence?: number; reason?: string } = {},
  ) {
    super(message);
  }
}

export interface ExecutionCall {
  operation: OperationName;
  fields: Record<string, unknown>;
  claims: AssertionClaims;
  /** The injected fault mode applied to this call, for the ledger. */
  fault?: string;
}

/** The payload an execution-kind call carries, as the ledger shows it. */
export function callPayload(operation: OperationName, fields: Record<string, unknown>): unknown {
  if (operation === 'enregistrerExecution') return fields.execution;
  if (operation === 'mettreAJourApresFacturation') return fields.fse;
  return { executionSequence: fields.executionSequence, motif: fields.motif };
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Sequential-mode recording of executions, post-invoice updates and cancellations. */
export class ExecutionRecorder {
  constructor(
    private readonly store: SandboxStore,
    private readonly now: () => Date,
  ) {}

  async record(call: ExecutionCall): Promise<Acknowledgement> {
    const kind = OPERATIONS[call.operation].executionKind as ExecutionKind;
    const prescriptionId = call.fields.prescriptionId as string;
    const sequence = call.fields.sequence as number;
    const payload = callPayload(call.operation, call.fields);
    const found = await this.store.getPrescription(prescriptionId);
    if (!found) throw new SandboxFault('PRESCRIPTION_UNKNOWN', `no prescription ${prescriptionId}`);
    const execution = kind === 'execution' ? (payload as ExecutionPayload) : undefined;
    const pharmacy: PharmacyRef = defined({ ...call.claims.pharmacy, name: execution?.pharmacy?.name });
    const at = this.now();
    const entry: LedgerEntry = {
      pharmacy,
      sequence,
      kind,
      receivedAt: at.toISOString(),
      accepted: false,
      duplicate: false,
      conflict: false,
      ...(call.fault ? { fault: call.fault } : {}),
      payload,
    };
    const refuse = async (fault: SandboxFault, conflict = false): Promise<never> => {
      await this.store.appendLedger(prescriptionId, { ...entry, conflict, error: fault.code });
      throw fault;
    };
    if (execution && !samePharmacy(execution.pharmacy, call.claims.pharmacy)) {
      await refuse(
        new SandboxFault('NOT_AUTHORISED', 'the execution names another pharmacy than the signed assertion', {
          reason: 'pharmacy-mismatch',
        }),
      );
    }
    const key = pharmacyKey(call.claims.pharmacy);
    const records = await this.store.records(prescriptionId);
    const own = records.filter((r) => r.pharmacyKey === key);
    const hash = payloadHash(kind, payload);
    const decision = decideSequence(own, sequence, kind, hash);
    if (decision.action === 'replay') {
      await this.store.appendLedger(prescriptionId, { ...entry, accepted: true, duplicate: true });
      return decision.record.ack;
    }
    if (decision.action === 'conflict') {
      await refuse(
        new SandboxFault('EXECUTION_CONFLICT', `sequence ${sequence} was recorded with another payload`),
        true,
      );
    }
    if (decision.action === 'out-of-order') {
      const message = `sequence ${sequence} received, ${decision.expected} expected`;
      await refuse(
        new SandboxFault('SEQUENCE_OUT_OF_ORDER', message, { expectedSequence: decision.expected }),
      );
    }
    const refusal = execution
      ? checkExecution(found.seed, records, execution, found.status)
      : checkTarget(own, call.fields, kind, sequence);
    if (refusal) await refuse(refusal);

    const ack: Acknowledgement = {
      prescriptionId,
      sequence,
      kind,
      acknowledgementId: randomUUID(),
      receivedAt: at.toISOString(),
    };
    const record: StoredRecord = {
      prescriptionId,
      pharmacyKey: key,
      pharmacy,
      sequence,
      kind,
      date: execution ? execution.dispensingDate : sandboxDay(at),
      lines: execution ? deliveredLines(execution) : [],
      payload,
      payloadHash: hash,
      ack,
      receivedAt: ack.receivedAt,
      cancelled: false,
      source: 'soap',
    };
    await this.store.transaction(async () => {
      await this.store.insertRecord(record);
      if (kind === 'cancellation') {
        await this.store.markCancelled(prescriptionId, key, call.fields.executionSequence as number);
      }
      await this.store.appendLedger(prescriptionId, { ...entry, accepted: true });
    });
    return ack;
  }

  /** API.md: another pharmacy's execution, recorded under that pharmacy's next sequence number. */
  async recordForeign(
    prescriptionId: string,
    pharmacy: PharmacyRef,
    lines: Array<{ lineId: string; quantity: number }>,
    date: string,
  ): Promise<StoredRecord> {
    const key = pharmacyKey(pharmacy);
    const own = (await this.store.records(prescriptionId)).filter((r) => r.pharmacyKey === key);
    const sequence = own.reduce((max, r) => Math.max(max, r.sequence), 0) + 1;
    const receivedAt = this.now().toISOString();
    const ack: Acknowledgement = {
      prescriptionId,
      sequence,
      kind: 'execution',
      acknowledgementId: randomUUID(),
      receivedAt,
    };
    const payload = { pharmacy, lines, date };
    const record: StoredRecord = {
      prescriptionId,
      pharmacyKey: key,
      pharmacy,
      sequence,
      kind: 'execution',
      date,
      lines,
      payload,
      payloadHash: payloadHash('execution', payload),
      ack,
      receivedAt,
      cancelled: false,
      source: 'admin',
    };
    await this.store.insertRecord(record);
    return record;
  }
}

function samePharmacy(named: PharmacyRef | undefined, signed: AssertionClaims['pharmacy']): boolean {
  if (!named) return true;
  if (named.finess && named.finess !== signed.finess) return false;
  return !(named.am && named.am !== signed.am);
}

function checkExecution(
  seed: StoredSeed,
  records: StoredRecord[],
  execution: ExecutionPayload,
  set: SetStatus | undefined,
): SandboxFault | undefined {
  const missing = missingMandatory(execution);
  if (missing.length > 0) {
    return new SandboxFault('EXECUTION_INCOMPLETE', `mandatory field(s) missing: ${missing.join(', ')}`, {
      reason: missing.join(','),
    });
  }
  const known = new Set(seed.lines.map((l) => l.lineId));
  const unknown = execution.lines.filter((l) => !known.has(l.lineId)).map((l) => l.lineId);
  if (unknown.length > 0) return new SandboxFault('INVALID_REQUEST', `unknown line(s) ${unknown.join(', ')}`);
  if (set === 'cancelled')
    return new SandboxFault('PRESCRIPTION_CANCELLED', 'the prescription was cancelled');
  // R.5123-2-1: an exceptional supplementary dispensation comes after the prescribed deliveries and the
  // prescription's validity by definition: it is accepted beyond both.
  const exceptional = isExceptional(execution);
  if (fullyExecuted(seed, records) && !exceptional) {
    return new SandboxFault('PRESCRIPTION_FULLY_EXECUTED', 'every line has been delivered in full');
  }
  if ((set === 'expired' || execution.dispensingDate > seed.expiresAt) && !exceptional) {
    return new SandboxFault('PRESCRIPTION_EXPIRED', `prescription valid until ${seed.expiresAt}`);
  }
  return undefined;
}

function checkTarget(
  own: StoredRecord[],
  fields: Record<string, unknown>,
  kind: ExecutionKind,
  sequence: number,
): SandboxFault | undefined {
  const target =
    kind === 'post-invoice'
      ? (fields.fse as InvoiceUpdate).executionSequence
      : (fields.executionSequence as number);
  // API.md: a cancellation of its own number is one of a call never recorded (parked, or held in degraded
  // mode): the number is recorded as cancelled, so the sequence keeps no gap.
  if (kind === 'cancellation' && target === sequence) return undefined;
  const found = own.find(
    (r) => r.sequence === target && r.kind === 'execution' && !r.cancelled && target < sequence,
  );
  if (found) return undefined;
  const what = kind === 'post-invoice' ? 'invoice' : 'cancel';
  return new SandboxFault('EXECUTION_UNKNOWN', `no live execution ${target} of this pharmacy to ${what}`);
}
