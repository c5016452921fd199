import http from 'node:http';
import https from 'node:https';
import * as soap from 'soap';
import { PRESCRIPTION_ERRORS, PrescriptionErrorCode, PrescriptionException } from '../prescription.exception';
import { CallHealth } from './call-health';
import { BreakerState, CircuitBreaker, CircuitBreakerOptions } from './circuit-breaker';
import { AssertionCache, AssertionCacheOptions } from './security/assertion-cache';
import { signerFailureOf } from './security/signer-error';
import { SignerPort } from './security/signer.port';
import { COMPTOIR_CONTRACT } from './soap/contract-mapping';
import {
  ContractFault,
  MappingError,
  SoapContract,
  SoapObject,
  SoapOperation,
  SoapReader,
} from './soap/soap-contract';
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
import { ComptoirException } from '../../core/errors/comptoir.exception';
import type { Text } from '../../core/i18n/messages';
import { PRESCRIPTION_DETAILS as D } from '../error-messages';
import type { SignerFailure } from './security/signer-error';

/** Who signs: the card holder, the executing pharmacy and the software. */
export interface TeleserviceIdentity {
  rpps: string;
  role?: ProfessionalRole;
  displayName?: string;
  finess?: string;
  am?: string;
  software: { id: string; name: string; version: string };
}

export interface SoapTeleserviceClientOptions {
  /** SOAP endpoint, e.g. `http://127.0.0.1:8089/eprescription` (replaces the WSDL's address). */
  url: string;
  /** Signs the assertion of the counter's calls: the pharmacist's card. */
  signer: SignerPort;
  /**
   * Signs the assertion of execution-kind calls, which the outbox sends unattended (after a crash, the card
   * may have left the reader): the pharmacy's structure certificate, subject `3` + FINESS, role
   * `structure`. Default: `signer`.
   */
  structureSigner?: SignerPort;
  identity: TeleserviceIdentity;
  /** The WSDL and its mapping module (default: Comptoir's contract). */
  contract?: SoapContract;
  /** Deadline of one port call, retries included (default 5000 ms). */
  timeoutMs?: number;
  /** Deadline of one attempt (default: the whole call deadline, so a silent peer leaves no retry). */
  attemptTimeoutMs?: number;
  /** Extra CA trusted for https (PEM), e.g. the test CA. */
  caPem?: string;
  /** Answers larger than this are refused unread (default 10 MiB). */
  maxResponseBytes?: number;
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
  /** Replaces node-soap's HTTP client (unit tests script the peer with it). */
  httpClient?: soap.IHttpClient;
}

/** A classified failure: the exception to surface, and whether it says the service itself is failing. */
export interface ClassifiedError {
  error: PrescriptionException;
  /** Counts towards the circuit breaker (transport, 5xx, unreadable answers). */
  serviceFailure: boolean;
  /** Retrying within this call cannot help (the circuit is open, no signature). */
  final?: boolean;
}

type Outcome<R> = { value: R } | ClassifiedError;
/** What an attempt needs of an operation once its input is built. */
type Exchange<R> = Pick<SoapOperation<never, R>, 'name' | 'response'>;
type PortMethod = 'consult' | 'recordExecution' | 'updateAfterInvoicing' | 'cancelExecution' | 'search';

const MIN_ATTEMPT_MS = 20;
/** Execution-kind calls: retried only with `retryWrites`, marked `outcomeUnknown` when an answer is lost. */
const WRITES: ReadonlySet<PortMethod> = new Set([
  'recordExecution',
  'updateAfterInvoicing',
  'cancelExecution',
]);
/** Teleservice fault codes that are Comptoir codes of the same name. */
const PASSTHROUGH_CODES = [
  'PRESCRIPTION_UNKNOWN',
  'PRESCRIPTION_FULLY_EXECUTED',
  'PRESCRIPTION_EXPIRED',
  'PRESCRIPTION_CANCELLED',
  'EXECUTION_INCOMPLETE',
  'QR_DATA_MISMATCH',
  'SEQUENCE_OUT_OF_ORDER',
  'EXECUTION_CONFLICT',
  'EXECUTION_UNKNOWN',
  'NOT_AUTHORISED',
] as const satisfies readonly PrescriptionErrorCode[];
type PassthroughCode = (typeof PASSTHROUGH_CODES)[number];
const PASSTHROUGH: ReadonlySet<string> = new Set(PASSTHROUGH_CODES);
type SignerCode = Extract<PrescriptionErrorCode, `SIGNER_${string}`>;

/**
 * The client's retry policy, in one place: the pause before attempt `attempt + 1`, or undefined to give up.
 * Only retryable failures are retried, up to `maxRetries` times, pausing `delayMs × n`, and never when the
 * pause would leave less than a useful attempt before the call's deadline.
 */
export function retryPause(
  attempt: number,
  failure: ClassifiedError,
  policy: { maxRetries: number; delayMs: number; remainingMs: number },
): number | undefined {
  if (failure.final || !failure.error.retryable || attempt >= policy.maxRetries) return undefined;
  const pause = policy.delayMs * (attempt + 1);
  return policy.remainingMs - pause < MIN_ATTEMPT_MS ? undefined : pause;
}

/**
 * The SOAP adapter of TeleservicePort: a node-soap client built from the contract's WSDL file, the cached
 * signed assertion added as the WS-Security header, and the contract's mapping module between node-soap's
 * objects and the port's types. Around it: deadlines, safe retries, a circuit breaker, a response size cap.
 */
export class SoapTeleserviceClient extends TeleservicePort {
  private readonly contract: SoapContract;
  private readonly breaker: CircuitBreaker;
  /** The latest calls' outcomes, for /health. */
  private readonly calls = new CallHealth();
  private readonly cardAssertions: AssertionCache;
  private readonly structureAssertions: AssertionCache;
  private readonly elapsed: () => number;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly httpsAgent: https.Agent;
  /** The assertion each input object travels with (read by the header function while node-soap writes). */
  private readonly headerOf = new WeakMap<object, string>();
  private readonly soapClient: Promise<soap.Client>;
  private readonly assertionOptions: AssertionCacheOptions;
  /** The client acting for other pharmacies (`as`): one per FINESS and AM number. */
  private readonly views = new Map<string, SoapTeleserviceClient>();
  private readonly httpClient: soap.IHttpClient;

  constructor(private readonly options: SoapTeleserviceClientOptions) {
    super();
    const { identity } = options;
    if (!identity.finess && !identity.am)
      throw new Error('teleservice identity needs a FINESS or an AM number');
    if (options.structureSigner && !identity.finess)
      throw new Error('a structure certificate signs for a pharmacy with a FINESS');
    const clock = options.clock;
    const now = clock ? () => clock.now() : () => new Date();
    this.elapsed = options.monotonic ?? (() => performance.now());
    this.contract = options.contract ?? COMPTOIR_CONTRACT;
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: options.caPem });
    this.breaker = new CircuitBreaker({ ...options.breaker, now: this.elapsed });
    this.assertionOptions = { ...options.assertion, now };
    const caches = this.assertionsFor(identity, !!options.structureSigner);
    this.cardAssertions = caches.card;
    this.structureAssertions = caches.structure;
    this.httpClient = options.httpClient ?? new soap.HttpClient();
    this.soapClient = this.createSoapClient();
    this.soapClient.catch(() => undefined); // surfaced by ready() and by each call
  }

  private async createSoapClient(): Promise<soap.Client> {
    const client = await soap.createClientAsync(this.contract.wsdlPath, {
      endpoint: this.options.url,
      httpClient: this.httpClient,
      // node-soap caches parsed WSDLs by path with the options of whoever loaded them first: this client's
      // options (dates as text) must not depend on another client of the same file.
      disableCache: true,
      // Dates stay the strings the contract carries (node-soap would make Date objects of them).
      customDeserializer: { date: (text: string) => text, dateTime: (text: string) => text },
    });
    client.addSoapHeader((_method: unknown, _location: unknown, _action: unknown, args: object) => {
      const assertion = this.headerOf.get(args) ?? '';
      return (
        `<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" ` +
        `soap:mustUnderstand="1">${assertion.replace(/^<\?xml[^>]*\?>\s*/, '')}</wsse:Security>`
      );
    });
    return client;
  }

  /** The assertions of the card (counter calls) and of the structure (execution-kind calls) for a pharmacy. */
  private assertionsFor(
    identity: TeleserviceIdentity,
    structure: boolean,
  ): { card: AssertionCache; structure: AssertionCache } {
    const pharmacy = { finess: identity.finess, am: identity.am };
    const card = new AssertionCache(
      this.options.signer,
      {
        rpps: identity.rpps,
        role: identity.role ?? 'pharmacien',
        displayName: identity.displayName,
        pharmacy,
        software: identity.software,
      },
      this.assertionOptions,
    );
    return {
      card,
      structure:
        structure && this.options.structureSigner
          ? new AssertionCache(
              this.options.structureSigner,
              { rpps: `3${identity.finess}`, role: 'structure', pharmacy, software: identity.software },
              this.assertionOptions,
            )
          : card,
    };
  }

  /**
   * This client acting for another pharmacy of the deployment: the same connection, breaker and signer, its
   * own assertions naming that pharmacy. The structure certificate names one FINESS: another pharmacy's
   * execution-kind calls are signed by the card signer.
   */
  override as(pharmacy: { finess?: string; am?: string }): TeleservicePort {
    const { identity } = this.options;
    if (pharmacy.finess === identity.finess && pharmacy.am === identity.am) return this;
    if (!pharmacy.finess && !pharmacy.am)
      throw new Error('teleservice identity needs a FINESS or an AM number');
    const key = `${pharmacy.finess ?? ''}|${pharmacy.am ?? ''}`;
    let view = this.views.get(key);
    if (!view) {
      const own = { ...identity, finess: pharmacy.finess, am: pharmacy.am };
      const caches = this.assertionsFor(own, false);
      view = Object.create(this, {
        options: { value: { ...this.options, identity: own } },
        cardAssertions: { value: caches.card },
        structureAssertions: { value: caches.structure },
      }) as SoapTeleserviceClient;
      this.views.set(key, view);
    }
    return view;
  }

  /** Resolves once the WSDL is loaded; rejects with the reason it cannot be (checked at startup). */
  async ready(): Promise<void> {
    await this.soapClient;
  }

  get circuitState(): BreakerState {
    return this.breaker.state;
  }

  /** Assertions signed so far: one per validity window, not one per request. */
  get assertionsSigned(): number {
    const structure =
      this.structureAssertions === this.cardAssertions ? 0 : this.structureAssertions.signCount;
    return this.cardAssertions.signCount + structure;
  }

  consult(prescriptionId: string, context?: ConsultContext): Promise<Prescription> {
    return this.call('consult', this.contract.consult, [prescriptionId, context]);
  }

  recordExecution(
    prescriptionId: string,
    sequence: number,
    execution: ExecutionPayload,
  ): Promise<Acknowledgement> {
    const pharmacy = execution.pharmacy ?? {
      finess: this.options.identity.finess,
      am: this.options.identity.am,
    };
    return this.call('recordExecution', this.contract.recordExecution, [
      prescriptionId,
      sequence,
      { ...execution, pharmacy },
    ]);
  }

  updateAfterInvoicing(
    prescriptionId: string,
    sequence: number,
    invoice: InvoiceUpdate,
  ): Promise<Acknowledgement> {
    return this.call('updateAfterInvoicing', this.contract.updateAfterInvoicing, [
      prescriptionId,
      sequence,
      invoice,
    ]);
  }

  cancelExecution(
    prescriptionId: string,
    sequence: number,
    cancellation: Cancellation,
  ): Promise<Acknowledgement> {
    return this.call('cancelExecution', this.contract.cancelExecution, [
      prescriptionId,
      sequence,
      cancellation,
    ]);
  }

  search(criteria: SearchCriteria): Promise<PrescriptionSummary[]> {
    return this.call('search', this.contract.search, [criteria]);
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
      const response = await this.get(`${this.options.url}?wsdl`, this.timeoutMs);
      const latencyMs = Math.round(this.elapsed() - started);
      const body = String(response.data ?? '');
      if (response.status === 200 && body.includes('definitions')) return { status: 'up', latencyMs };
      return { status: 'down', latencyMs, detail: `WSDL answered HTTP ${response.status}` };
    } catch (error) {
      return { status: 'down', detail: transportDetail(error) };
    }
  }

  override async close(): Promise<void> {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 5000;
  }

  private async call<A extends unknown[], R>(
    method: PortMethod,
    operation: SoapOperation<A, R>,
    args: A,
  ): Promise<R> {
    let input: SoapObject;
    try {
      input = operation.request(...args);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      const detail = D.TELESERVICE_REQUEST_INVALID.mapping({ path: error.path, why: error.message });
      throw new PrescriptionException('TELESERVICE_REQUEST_INVALID', detail, { cause: error });
    }
    const outcome = await this.attempts(operation, input, WRITES.has(method));
    // Here, and only here, the outcome of a port call is known: a value, or the error it ends with.
    if (!('value' in outcome)) throw outcome.error;
    return outcome.value;
  }

  private async attempts<R>(operation: Exchange<R>, input: SoapObject, write: boolean): Promise<Outcome<R>> {
    const deadline = this.elapsed() + this.timeoutMs;
    const maxRetries = !write || this.options.retryWrites ? (this.options.maxRetries ?? 2) : 0;
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await this.attempt(operation, input, deadline, write);
      if ('value' in outcome) return outcome;
      const pause = retryPause(attempt, outcome, {
        maxRetries,
        delayMs: this.options.retryDelayMs ?? 100,
        remainingMs: deadline - this.elapsed(),
      });
      if (pause === undefined) return outcome;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private async attempt<R>(
    operation: Exchange<R>,
    input: SoapObject,
    deadline: number,
    write: boolean,
  ): Promise<Outcome<R>> {
    if (!this.breaker.tryAcquire()) {
      const retryAfterSeconds = Math.max(1, Math.ceil(this.breaker.retryAfterMs() / 1000));
      const extra = { retryAfterSeconds, circuit: 'open' };
      const detail = D.TELESERVICE_UNAVAILABLE.circuitOpen({ seconds: retryAfterSeconds });
      return {
        error: new PrescriptionException('TELESERVICE_UNAVAILABLE', detail, { extra }),
        serviceFailure: false,
        final: true,
      };
    }
    const assertions = write ? this.structureAssertions : this.cardAssertions;
    let client: soap.Client;
    try {
      client = await this.soapClient;
    } catch (error) {
      this.breaker.release();
      throw error;
    }
    let assertion: string;
    try {
      // A card middleware waiting for a PIN must not hold the call past its deadline.
      assertion = await withDeadline(assertions.get(), deadline - this.elapsed());
    } catch (cause) {
      this.breaker.release();
      return { ...signerFailure(cause), final: true };
    }
    const budget = Math.min(this.options.attemptTimeoutMs ?? this.timeoutMs, deadline - this.elapsed());
    this.headerOf.set(input, assertion);
    let outcome: Outcome<R>;
    try {
      const output = await this.invoke(client, operation.name, input, Math.max(MIN_ATTEMPT_MS, budget));
      outcome = this.read(operation, output, write);
    } catch (error) {
      const classified = this.classify(error, write);
      if (!classified) {
        this.breaker.release();
        throw error;
      }
      outcome = classified;
    }
    if (!('value' in outcome) && outcome.serviceFailure) this.breaker.onFailure();
    else this.breaker.onSuccess();
    this.calls.record(!('value' in outcome) && outcome.serviceFailure);
    if (!('value' in outcome) && outcome.error.code === 'NOT_AUTHORISED') assertions.invalidate();
    return outcome;
  }

  /** One SOAP exchange under a hard deadline (connect, send and the whole answer), with the size cap. */
  private invoke(client: soap.Client, name: string, input: SoapObject, timeoutMs: number): Promise<unknown> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DeadlineError(timeoutMs)), timeoutMs);
    return new Promise<unknown>((resolve, reject) => {
      const method = client[name] as (
        args: object,
        callback: (error: unknown, result: unknown) => void,
        options: object,
      ) => void;
      try {
        method.call(client, input, (error, result) => (error ? reject(error) : resolve(result)), {
          ...this.httpOptions(abort.signal),
          timeout: timeoutMs,
        });
      } catch (error) {
        reject(error);
      }
    }).finally(() => clearTimeout(timer));
  }

  private httpOptions(signal: AbortSignal): Record<string, unknown> {
    const maxBytes = this.options.maxResponseBytes ?? 10 * 1024 * 1024;
    return {
      signal,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      maxContentLength: maxBytes,
      maxRedirects: 0,
    };
  }

  private get(url: string, timeoutMs: number): Promise<{ status: number; data?: unknown }> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DeadlineError(timeoutMs)), timeoutMs);
    return new Promise<{ status: number; data?: unknown }>((resolve, reject) => {
      // Answers through the callback; what request() returns is not needed.
      void this.httpClient.request(
        url,
        undefined,
        (error: unknown, response?: { status: number; data?: unknown }) =>
          error ? reject(error) : resolve(response ?? { status: 0 }),
        {},
        this.httpOptions(abort.signal),
      );
    }).finally(() => clearTimeout(timer));
  }

  private read<R>(operation: Exchange<R>, output: unknown, write: boolean): Outcome<R> {
    try {
      return { value: operation.response(new SoapReader(output, `${operation.name}Response`)) };
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      const detail = D.TELESERVICE_PROTOCOL_ERROR.unreadableResponse({
        operation: operation.name,
        why: error.message,
      });
      return protocolError(detail, write, error);
    }
  }

  /** What a failed exchange means, or undefined when it is none of the failures a peer can cause. */
  private classify(error: unknown, write: boolean): ClassifiedError | undefined {
    const e = error as {
      root?: { Envelope?: { Body?: { Fault?: unknown } } };
      response?: { status?: number; headers?: Record<string, unknown> };
      isAxiosError?: boolean;
      code?: string;
      Fault?: unknown;
    };
    const fault = e?.root?.Envelope?.Body?.Fault;
    if (fault && typeof fault === 'object') return classifyFault(this.readFault(fault));
    if (e?.isAxiosError && /maxContentLength/.test(String((error as Error).message))) {
      const detail = D.TELESERVICE_PROTOCOL_ERROR.tooLarge({ why: transportDetail(error) });
      return protocolError(detail, write, error);
    }
    if (isDeadline(error) || (e?.isAxiosError && !e.response)) {
      const why = transportDetail(error);
      const detail =
        isDeadline(error) || e.code === 'ECONNABORTED'
          ? D.TELESERVICE_UNAVAILABLE.timeout({ why })
          : D.TELESERVICE_UNAVAILABLE.unreachable({ why });
      // A write whose answer was lost may have been recorded: resending the same sequence settles it.
      const extra = write ? { outcomeUnknown: true } : undefined;
      return {
        error: new PrescriptionException('TELESERVICE_UNAVAILABLE', detail, { cause: error, extra }),
        serviceFailure: true,
      };
    }
    const status = e?.response?.status;
    if (status !== undefined && status >= 500) {
      const detail = D.TELESERVICE_UNAVAILABLE.httpStatus({ status });
      const classified = new PrescriptionException('TELESERVICE_UNAVAILABLE', detail, {
        extra: { httpStatus: status },
      });
      return { error: classified, serviceFailure: true };
    }
    if (status !== undefined || (e && typeof e === 'object' && 'Fault' in e) || error instanceof TypeError) {
      // Not XML, not SOAP, or another HTTP status: node-soap could not read the answer.
      const detail = D.TELESERVICE_PROTOCOL_ERROR.unreadableAnswer({
        status: String(status ?? '?'),
        why: describe(error),
      });
      return protocolError(detail, write, error);
    }
    return undefined;
  }

  private readFault(fault: object): ContractFault & { server: boolean } {
    const reader = new SoapReader(fault, 'Fault');
    const faultcode = String(reader.optStr('faultcode') ?? '');
    const server = faultcode.includes('Server');
    let read: ContractFault | undefined;
    try {
      read = this.contract.fault(reader);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
    }
    return {
      ...(read ?? { code: 'UNKNOWN_FAULT', message: reader.optStr('faultstring') ?? '', retryable: server }),
      server,
    };
  }
}

/** A teleservice fault as a Comptoir outcome: its own code when Comptoir has it, else refused or busy. */
export function classifyFault(fault: ContractFault & { server: boolean }): ClassifiedError {
  const extra = {
    teleserviceCode: fault.code,
    ...(fault.expectedSequence !== undefined ? { expectedSequence: fault.expectedSequence } : {}),
    ...(fault.reason !== undefined ? { reason: fault.reason } : {}),
  };
  if (PASSTHROUGH.has(fault.code) && fault.code in PRESCRIPTION_ERRORS) {
    const code = fault.code as PassthroughCode;
    const detail = D[code].teleservice({ ...fault, message: fault.message });
    return { error: new PrescriptionException(code, detail, { extra }), serviceFailure: false };
  }
  if (fault.code === 'SERVER_BUSY' || (fault.retryable && fault.server)) {
    const detail = D.TELESERVICE_UNAVAILABLE.busy({ message: fault.message });
    return {
      error: new PrescriptionException('TELESERVICE_UNAVAILABLE', detail, { extra }),
      serviceFailure: true,
    };
  }
  const detail = D.TELESERVICE_REFUSED.teleservice({ message: fault.message, teleserviceCode: fault.code });
  return {
    error: new PrescriptionException('TELESERVICE_REFUSED', detail, { extra }),
    serviceFailure: false,
  };
}

function signerFailure(cause: unknown): ClassifiedError {
  const failure = signerFailureOf(cause);
  const why = { why: failure.message };
  const detail =
    failure.code === 'SIGNER_UNAVAILABLE'
      ? D.SIGNER_UNAVAILABLE.cannotSign({
          ...why,
          failure: failure.extra?.signerFailure as SignerFailure | undefined,
          // A refusal of Comptoir's own (signer: external with no signer plugged in) says why in French.
          fr: cause instanceof ComptoirException ? lowerFirst(cause.detail.fr) : undefined,
        })
      : D[failure.code as Exclude<SignerCode, 'SIGNER_UNAVAILABLE'>].cannotSign(why);
  const error = new PrescriptionException(failure.code, detail, { cause, extra: failure.extra });
  return { error, serviceFailure: false };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function protocolError(detail: Text, write: boolean, cause?: unknown): ClassifiedError {
  // An unreadable answer to a write may hide a recorded execution: resending the same sequence settles it.
  const extra = write ? { outcomeUnknown: true } : undefined;
  return {
    error: new PrescriptionException('TELESERVICE_PROTOCOL_ERROR', detail, { cause, extra }),
    serviceFailure: true,
  };
}

class DeadlineError extends Error {
  override name = 'DeadlineError';
  constructor(ms: number) {
    super(`no complete answer within ${Math.round(ms)} ms`);
  }
}

function isDeadline(error: unknown): boolean {
  const e = error as { code?: string; cause?: unknown; name?: string };
  return error instanceof DeadlineError || e?.cause instanceof DeadlineError || e?.code === 'ERR_CANCELED';
}

function transportDetail(error: unknown): string {
  const e = error as { code?: string; cause?: unknown; message?: string };
  if (e?.cause instanceof DeadlineError) return e.cause.message;
  if (error instanceof DeadlineError) return error.message;
  return [e?.code, e?.message].filter(Boolean).join(': ') || String(error);
}

function describe(error: unknown): string {
  const e = error as { Fault?: { faultstring?: string; detail?: string }; message?: string };
  if (e?.Fault) return [e.Fault.faultstring, e.Fault.detail].filter(Boolean).join(': ');
  return e?.message ?? String(error);
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
