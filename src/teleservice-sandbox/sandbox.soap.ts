import {
  buildFaultEnvelope,
  buildResponseEnvelope,
  readEnvelope,
  readPayload,
  WireFault,
} from './wire/envelope';
import { FAULT_CODES, isOperationName, OperationName, OPERATIONS } from './wire/operations';
import { WIRE_NS } from './wire/wire-schema';
import { WireMappingError } from './wire/xml-mapper';
import { VerifiedAssertionCache, verifyAssertion } from './verify-assertion';
import type {
  ConsultContext,
  Prescription,
  PrescriptionSummary,
  SearchCriteria,
} from '../prescription/teleservice/teleservice.types';
import type { FaultMode } from './fault-injector';
import { callPayload, ExecutionRecorder, SandboxFault } from './sandbox.executions';
import { sandboxDay, prescriptionStatus, qrMismatches, toRecordedExecution } from './sandbox.rules';
import { hasCriterion, searchPrescriptions } from './sandbox.search';
import type { SandboxStore } from './sandbox.store';

export interface SoapOutcome {
  status: number;
  contentType: string;
  body: string;
}

const XML = 'text/xml; charset=utf-8';

function faultOutcome(fault: SandboxFault): SoapOutcome {
  const wire: WireFault = {
    faultcode: fault.code === 'SERVER_BUSY' ? 'Server' : 'Client',
    code: fault.code,
    message: fault.message,
    retryable: FAULT_CODES[fault.code].retryable,
    ...fault.extra,
  };
  // SOAP 1.1 §6.2: a fault travels with HTTP 500.
  return { status: 500, contentType: XML, body: buildFaultEnvelope(wire) };
}

/** The SOAP side of the sandbox: checks the assertion, runs one operation, answers an envelope. */
export class SandboxSoapService {
  private readonly recorder: ExecutionRecorder;
  private readonly verified = new VerifiedAssertionCache();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: SandboxStore,
    private readonly trustedCaPem: string | string[],
    private readonly now: () => Date,
  ) {
    this.recorder = new ExecutionRecorder(store, now);
  }

  get executions(): ExecutionRecorder {
    return this.recorder;
  }

  /** Handles one request; calls are serialised so sequence checks and writes are atomic. */
  handle(xml: string, injected?: Exclude<FaultMode, 'none'>): Promise<SoapOutcome> {
    return this.exclusive(() => this.process(xml, injected));
  }

  /** Runs `work` after every earlier call (SOAP or admin write) has finished. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every call received so far has been processed. */
  async idle(): Promise<void> {
    await this.tail;
  }

  private async process(xml: string, injected?: Exclude<FaultMode, 'none'>): Promise<SoapOutcome> {
    let operation: OperationName;
    let fields: Record<string, unknown>;
    try {
      const { payload } = readEnvelope(xml);
      if (payload.namespaceURI !== WIRE_NS || !isOperationName(payload.localName ?? '')) {
        throw new WireMappingError('Body', `unknown operation {${payload.namespaceURI}}${payload.localName}`);
      }
      operation = payload.localName as OperationName;
      fields = readPayload(payload, operation);
    } catch (error) {
      return faultOutcome(new SandboxFault('INVALID_REQUEST', (error as Error).message));
    }
    const auth = verifyAssertion(xml, this.trustedCaPem, this.now(), { cache: this.verified });
    const executionKind = OPERATIONS[operation].executionKind;
    if (injected === 'http500' || injected === 'soap-fault') {
      // Injected before any processing: the call is only seen in the ledger.
      if (executionKind) {
        const pharmacy = auth.ok ? auth.claims.pharmacy : null;
        await this.ledgerRefusal(operation, fields, pharmacy, { fault: injected });
      }
      if (injected === 'http500') {
        return { status: 500, contentType: 'text/plain', body: 'Internal Server Error' };
      }
      return faultOutcome(new SandboxFault('SERVER_BUSY', 'server busy, try again later'));
    }
    if (!auth.ok) {
      if (executionKind) await this.ledgerRefusal(operation, fields, null, { error: 'NOT_AUTHORISED' });
      return faultOutcome(new SandboxFault('NOT_AUTHORISED', auth.message, { reason: auth.reason }));
    }
    try {
      const result = executionKind
        ? { accuse: await this.recorder.record({ operation, fields, claims: auth.claims, fault: injected }) }
        : operation === 'consulterPrescription'
          ? {
              prescription: await this.consult(
                fields.prescriptionId as string,
                fields.contexte as ConsultContext,
              ),
            }
          : { resultats: await this.search(fields.criteres as SearchCriteria) };
      return { status: 200, contentType: XML, body: buildResponseEnvelope(operation, result) };
    } catch (error) {
      if (error instanceof SandboxFault) return faultOutcome(error);
      throw error;
    }
  }

  private async ledgerRefusal(
    operation: OperationName,
    fields: Record<string, unknown>,
    pharmacy: { finess?: string; am?: string } | null,
    outcome: { fault?: string; error?: string },
  ): Promise<void> {
    const prescriptionId = fields.prescriptionId as string;
    if (!(await this.store.getPrescription(prescriptionId))) return;
    await this.store.appendLedger(prescriptionId, {
      pharmacy: pharmacy ? Object.fromEntries(Object.entries(pharmacy).filter(([, v]) => v)) : null,
      sequence: fields.sequence as number,
      kind: OPERATIONS[operation].executionKind!,
      receivedAt: this.now().toISOString(),
      accepted: false,
      duplicate: false,
      conflict: false,
      ...outcome,
      payload: callPayload(operation, fields),
    });
  }

  async consult(prescriptionId: string, context?: ConsultContext): Promise<Prescription> {
    const found = await this.store.getPrescription(prescriptionId);
    if (!found) throw new SandboxFault('PRESCRIPTION_UNKNOWN', `no prescription ${prescriptionId}`);
    if (context?.qr) {
      const mismatches = qrMismatches(found.seed, context.qr);
      if (mismatches.length > 0) {
        throw new SandboxFault('QR_DATA_MISMATCH', 'the QR code data do not match the prescription', {
          reason: mismatches.join(','),
        });
      }
    }
    const records = await this.store.records(prescriptionId);
    return {
      ...found.seed,
      status: prescriptionStatus(found.seed, records, sandboxDay(this.now()), found.status),
      executions: records.map(toRecordedExecution),
    };
  }

  private async search(criteria: SearchCriteria): Promise<PrescriptionSummary[]> {
    if (!hasCriterion(criteria)) {
      throw new SandboxFault(
        'INVALID_REQUEST',
        'give a patient criterion (INS, NIR, last name, birth date) or prescriberRpps',
      );
    }
    return searchPrescriptions(this.store, criteria, sandboxDay(this.now()));
  }
}
