import { PrescriptionException } from '../prescription.exception';
import { CallHealth } from './call-health';
import { CircuitBreaker, CircuitBreakerOptions, BreakerState } from './circuit-breaker';
import { HttpTransport, TransportError } from './http-transport';
import { AssertionCache, AssertionCacheOptions } from './security/assertion-cache';
import { SignerPort } from './security/signer.port';
import { buildRequestEnvelope } from './soap/envelope';
import { classifyTransportError, ClassifiedError, interpretResponse } from './soap/fault-mapping';
import { OperationName, OPERATIONS, soapActionOf } from './soap/operations';
import { renderElement, WireMappingError } from './soap/xml-mapper';
import { TeleservicePort } from './teleservice.port';
import type {
  Acknowledgement,
  Cancellation,
  ConsultContext,
  ExecutionPayload,
  InvoiceUpdate,
  Prescription,
  PrescriptionSummary,
  ProfessionalRole,
  SearchCriteria,
  TeleserviceHealth,
} from './teleservice.types';

/** Who signs: the card holder (or structure), the executing pharmacy and the software. */
export interface TeleserviceIdentity {
  rpps: string;
  role?: ProfessionalRole;
  displayName?: string;
  finess?: string;
  am?: string;
  software: { id: string; name: string; version: string };
}

export interface SoapTeleserviceClientOptions {
  /** SOAP endpoint, e.g. `http://127.0.0.1:8089/eprescription`. */
  url: string;
  signer: SignerPort;
  identity: TeleserviceIdentity;
  /** Deadline of one port call, retries included (default 5000 ms). */
  timeoutMs?: number;
  /** Deadline of one attempt (default: the whole call deadline, so a silent peer leaves no retry). */
  attemptTimeoutMs?: number;
  /** Extra CA trusted for https (PEM), e.g. the test CA. */
  caPem?: string;
  /** Further attempts after a retryable failure (default 2); writes only with `retryWrites`. */
  maxRetries?: number;
  /** Also retry execution-kind writes (safe: the sequence makes a resend idempotent). Default false. */
  retryWrites?: boolean;
  /** Pause before retry n is n × this (default 100 ms). */
  retryDelayMs?: number;
  breaker?: Omit<CircuitBreakerOptions, 'now'>;
  assertion?: Omit<AssertionCacheOptions, 'now'>;
  /** Wall clock for assertion windows (structurally core's Clock); tests pin it. */
  clock?: { now(): Date };
  /** Monotonic milliseconds for deadlines and the breaker's cool-down (default performance.now). */
  monotonic?: () => number;
  /** Replaces the HTTP transport (tests). */
  transport?: Pick<HttpTransport, 'request' | 'close'>;
}

const MIN_ATTEMPT_MS = 20;

/** The SOAP adapter of TeleservicePort: the only Comptoir code that knows the wire format. */
export class SoapTeleserviceClient extends TeleservicePort {
  private readonly transport: Pick<HttpTransport, 'request' | 'close'>;
  private readonly breaker: CircuitBreaker;
  /** The latest calls' outcomes, for /health. */
  private readonly calls = new CallHealth();
  private readonly assertions: AssertionCache;
  private readonly now: () => Date;
  private readonly elapsed: () => number;

  constructor(private readonly options: SoapTeleserviceClientOptions) {
    super();
    const { identity } = options;
    if (!identity.finess && !identity.am)
      throw new Error('teleservice identity needs a FINESS or an AM number');
    const clock = options.clock;
    this.now = clock ? () => clock.now() : () => new Date();
    this.elapsed = options.monotonic ?? (() => performance.now());
    this.transport = options.transport ?? new HttpTransport({ caPem: options.caPem });
    this.breaker = new CircuitBreaker({ ...options.breaker, now: this.elapsed });
    this.assertions = new AssertionCache(
      options.signer,
      {
        rpps: identity.rpps,
        role: identity.role ?? 'pharmacien',
        displayName: identity.displayName,
        pharmacy: { finess: identity.finess, am: identity.am },
        software: identity.software,
      },
      { ...options.assertion, now: this.now },
    );
  }

  get circuitState(): BreakerState {
    return this.breaker.state;
  }

  /** Assertions signed so far: one per validity window, not one per request. */
  get assertionsSigned(): number {
    return this.assertions.signCount;
  }

  async consult(prescriptionId: string, context?: ConsultContext): Promise<Prescription> {
    const fields = await this.call('consulterPrescription', { prescriptionId, contexte: context });
    return fields.prescription as Prescription;
  }

  async recordExecution(
    prescriptionId: string,
    sequence: number,
    execution: ExecutionPayload,
  ): Promise<Acknowledgement> {
    const pharmacy = execution.pharmacy ?? {
      finess: this.options.identity.finess,
      am: this.options.identity.am,
    };
    return this.acknowledged('enregistrerExecution', {
      prescriptionId,
      sequence,
      execution: { ...execution, pharmacy },
    });
  }

  async updateAfterInvoicing(
    prescriptionId: string,
    sequence: number,
    invoice: InvoiceUpdate,
  ): Promise<Acknowledgement> {
    return this.acknowledged('mettreAJourApresFacturation', { prescriptionId, sequence, fse: invoice });
  }

  async cancelExecution(
    prescriptionId: string,
    sequence: number,
    cancellation: Cancellation,
  ): Promise<Acknowledgement> {
    const { executionSequence, reason } = cancellation;
    return this.acknowledged('annulerExecution', {
      prescriptionId,
      sequence,
      executionSequence,
      motif: reason,
    });
  }

  async search(criteria: SearchCriteria): Promise<PrescriptionSummary[]> {
    const fields = await this.call('rechercherPrescriptions', { criteres: criteria });
    return fields.resultats as PrescriptionSummary[];
  }

  async ping(): Promise<TeleserviceHealth> {
    if (this.breaker.state === 'open') {
      return {
        status: 'circuit-open',
        detail: `retry in ${Math.ceil(this.breaker.retryAfterMs() / 1000)} s`,
      };
    }
    if (this.calls.failing) return { status: 'down', detail: this.calls.describe() };
    const started = this.elapsed();
    try {
      const res = await this.transport.request('GET', `${this.options.url}?wsdl`, this.timeoutMs);
      const latencyMs = Math.round(this.elapsed() - started);
      if (res.status === 200 && res.body.includes('definitions')) return { status: 'up', latencyMs };
      return { status: 'down', latencyMs, detail: `WSDL answered HTTP ${res.status}` };
    } catch (error) {
      return { status: 'down', detail: (error as Error).message };
    }
  }

  override async close(): Promise<void> {
    this.transport.close();
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 5000;
  }

  private async acknowledged(
    operation: OperationName,
    payload: Record<string, unknown>,
  ): Promise<Acknowledgement> {
    const fields = await this.call(operation, payload);
    return fields.accuse as Acknowledgement;
  }

  private async call(
    operation: OperationName,
    payload: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const write = OPERATIONS[operation].executionKind !== undefined;
    try {
      renderElement(operation, payload);
    } catch (error) {
      if (error instanceof WireMappingError) {
        throw new PrescriptionException('TELESERVICE_REQUEST_INVALID', error.message, { cause: error });
      }
      throw error;
    }
    const deadline = this.elapsed() + this.timeoutMs;
    const maxRetries = !write || this.options.retryWrites ? (this.options.maxRetries ?? 2) : 0;
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await this.attempt(operation, payload, deadline, write);
      if ('fields' in outcome) return outcome.fields;
      const remaining = deadline - this.elapsed();
      const delay = (this.options.retryDelayMs ?? 100) * (attempt + 1);
      if (
        outcome.final ||
        !outcome.error.retryable ||
        attempt >= maxRetries ||
        remaining - delay < MIN_ATTEMPT_MS
      )
        throw outcome.error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private async attempt(
    operation: OperationName,
    payload: Record<string, unknown>,
    deadline: number,
    write: boolean,
  ): Promise<{ fields: Record<string, unknown> } | ClassifiedError> {
    if (!this.breaker.tryAcquire()) {
      const retryAfterSeconds = Math.max(1, Math.ceil(this.breaker.retryAfterMs() / 1000));
      const extra = { retryAfterSeconds, circuit: 'open' };
      const detail = 'teleservice circuit open after repeated failures';
      return {
        error: new PrescriptionException('TELESERVICE_UNAVAILABLE', detail, { extra }),
        serviceFailure: false,
        final: true,
      };
    }
    let assertion: string;
    try {
      // A card middleware waiting for a PIN must not hold the call past its deadline.
      assertion = await withDeadline(this.assertions.get(), deadline - this.elapsed());
    } catch (cause) {
      this.breaker.release();
      const detail = `cannot sign the assertion: ${(cause as Error).message}`;
      return {
        error: new PrescriptionException('SIGNER_UNAVAILABLE', detail, { cause }),
        serviceFailure: false,
        final: true,
      };
    }
    const budget = Math.min(this.options.attemptTimeoutMs ?? this.timeoutMs, deadline - this.elapsed());
    let outcome: { fields: Record<string, unknown> } | ClassifiedError;
    try {
      const response = await this.transport.request(
        'POST',
        this.options.url,
        Math.max(MIN_ATTEMPT_MS, budget),
        buildRequestEnvelope(operation, payload, assertion),
        { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${soapActionOf(operation)}"` },
      );
      outcome = interpretResponse(operation, response, write);
    } catch (error) {
      if (!(error instanceof TransportError)) {
        this.breaker.release();
        throw error;
      }
      outcome = classifyTransportError(error, write);
    }
    if (!('fields' in outcome) && outcome.serviceFailure) this.breaker.onFailure();
    else this.breaker.onSuccess();
    this.calls.record(!('fields' in outcome) && outcome.serviceFailure);
    if (!('fields' in outcome) && outcome.error.code === 'NOT_AUTHORISED') this.assertions.invalidate();
    return outcome;
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no signature within ${Math.round(ms)} ms`)), Math.max(0, ms));
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Builds the SOAP adapter; Nest wiring provides it as `TeleservicePort`. */
export function createSoapTeleserviceClient(options: SoapTeleserviceClientOptions): SoapTeleserviceClient {
  return new SoapTeleserviceClient(options);
}
