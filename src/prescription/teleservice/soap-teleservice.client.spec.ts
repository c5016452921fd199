import { FixedClock } from '../../core/clock/clock';
import {
  EXAMPLE_ACK,
  EXAMPLE_EXECUTION,
  EXAMPLE_PRESCRIPTION,
  SOFTWARE,
} from '../../../test/fixtures/teleservice/examples';
import { PrescriptionException } from '../prescription.exception';
import { HttpResponse, TransportError } from './http-transport';
import { AssertionClaims, AssertionWindow, SignerPort } from './security/signer.port';
import { buildFaultEnvelope, buildResponseEnvelope } from './soap/envelope';
import { SoapTeleserviceClient, SoapTeleserviceClientOptions } from './soap-teleservice.client';

type Script = HttpResponse | TransportError | ((timeoutMs: number) => HttpResponse | TransportError);

/** A transport that plays a script and records what was asked; it fails on an unscripted call. */
class ScriptedTransport {
  readonly calls: Array<{ method: string; timeoutMs: number; body?: string }> = [];
  constructor(private readonly script: Script[]) {}

  async request(
    method: 'GET' | 'POST',
    _url: string,
    timeoutMs: number,
    body?: string,
  ): Promise<HttpResponse> {
    this.calls.push({ method, timeoutMs, body });
    const next = this.script.shift();
    if (!next) throw new Error('unscripted transport call');
    const outcome = typeof next === 'function' ? next(timeoutMs) : next;
    if (outcome instanceof TransportError) throw outcome;
    return outcome;
  }

  close(): void {}
}

class StubSigner extends SignerPort {
  signed = 0;
  fail = false;
  async signAssertion(_c: AssertionClaims, _w: AssertionWindow): Promise<string> {
    if (this.fail) throw new Error('card removed');
    this.signed += 1;
    return `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_s${this.signed}"/>`;
  }
}

const xml = (status: number, body: string): HttpResponse => ({
  status,
  contentType: 'text/xml; charset=utf-8',
  body,
});
const consultOk = (): HttpResponse =>
  xml(200, buildResponseEnvelope('consulterPrescription', { prescription: EXAMPLE_PRESCRIPTION }));
const ackOk = (): HttpResponse =>
  xml(200, buildResponseEnvelope('enregistrerExecution', { accuse: EXAMPLE_ACK }));
const fault = (
  code: string,
  extra: Record<string, unknown> = {},
  faultcode: 'Client' | 'Server' = 'Client',
): HttpResponse =>
  xml(
    500,
    buildFaultEnvelope({
      faultcode,
      code,
      message: code.toLowerCase(),
      retryable: faultcode === 'Server',
      ...extra,
    }),
  );
const refused = (): TransportError => new TransportError('connection', 'ECONNREFUSED: connect ECONNREFUSED');

describe('SoapTeleserviceClient', () => {
  const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));
  let ticks = 0;
  let signer: StubSigner;
  const client = (script: Script[], options: Partial<SoapTeleserviceClientOptions> = {}) => {
    const transport = new ScriptedTransport(script);
    const c = new SoapTeleserviceClient({
      url: 'http://127.0.0.1:1/eprescription',
      signer,
      identity: { rpps: '10001234567', finess: '990000011', software: SOFTWARE },
      clock,
      monotonic: () => ticks,
      transport,
      retryDelayMs: 1,
      breaker: { failureThreshold: 3, cooldownMs: 30_000 },
      ...options,
    });
    return { c, transport };
  };
  const failure = async (promise: Promise<unknown>): Promise<PrescriptionException> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PrescriptionException);
    return error as PrescriptionException;
  };

  beforeEach(() => {
    clock.set(new Date('2026-11-22T09:00:00Z'));
    ticks = 0;
    signer = new StubSigner();
  });

  it('consults and maps the response to domain JSON, signing the assertion once for many calls', async () => {
    const { c, transport } = client([consultOk(), consultOk()]);
    await expect(c.consult(EXAMPLE_PRESCRIPTION.prescriptionId)).resolves.toEqual(EXAMPLE_PRESCRIPTION);
    await c.consult(EXAMPLE_PRESCRIPTION.prescriptionId);
    expect(signer.signed).toBe(1);
    expect(transport.calls[0].body).toContain('<wsse:Security');
    expect(transport.calls[0].timeoutMs).toBe(5000);
  });

  it.each<[string, Script, string, string, Record<string, unknown>]>([
    ['unknown prescription', fault('PRESCRIPTION_UNKNOWN'), 'PRESCRIPTION_UNKNOWN', 'permanent', {}],
    ['fully executed', fault('PRESCRIPTION_FULLY_EXECUTED'), 'PRESCRIPTION_FULLY_EXECUTED', 'permanent', {}],
    ['expired', fault('PRESCRIPTION_EXPIRED'), 'PRESCRIPTION_EXPIRED', 'permanent', {}],
    [
      'QR mismatch',
      fault('QR_DATA_MISMATCH', { reason: 'patient.lastName' }),
      'QR_DATA_MISMATCH',
      'permanent',
      { reason: 'patient.lastName' },
    ],
    [
      'out of order',
      fault('SEQUENCE_OUT_OF_ORDER', { expectedSequence: 2 }),
      'SEQUENCE_OUT_OF_ORDER',
      'permanent',
      { expectedSequence: 2 },
    ],
    ['conflict', fault('EXECUTION_CONFLICT'), 'EXECUTION_CONFLICT', 'permanent', {}],
    ['unknown execution', fault('EXECUTION_UNKNOWN'), 'EXECUTION_UNKNOWN', 'permanent', {}],
    [
      'not authorised',
      fault('NOT_AUTHORISED', { reason: 'expired' }),
      'NOT_AUTHORISED',
      'permanent',
      { reason: 'expired' },
    ],
    ['invalid request', fault('INVALID_REQUEST'), 'TELESERVICE_REFUSED', 'permanent', {}],
    ['an unknown client fault', fault('SOMETHING_NEW'), 'TELESERVICE_REFUSED', 'permanent', {}],
    ['server busy', fault('SERVER_BUSY', {}, 'Server'), 'TELESERVICE_UNAVAILABLE', 'retryable', {}],
    [
      'HTTP 500 without SOAP',
      { status: 500, contentType: 'text/plain', body: 'Internal Server Error' },
      'TELESERVICE_UNAVAILABLE',
      'retryable',
      {},
    ],
    [
      'HTTP 502',
      { status: 502, contentType: 'text/html', body: '<html>bad gateway</html>' },
      'TELESERVICE_UNAVAILABLE',
      'retryable',
      {},
    ],
    [
      'HTTP 404',
      { status: 404, contentType: 'text/html', body: 'not found' },
      'TELESERVICE_PROTOCOL_ERROR',
      'retryable',
      {},
    ],
    ['broken XML', xml(200, '<soap:Envelope><broken'), 'TELESERVICE_PROTOCOL_ERROR', 'retryable', {}],
    ['another response element', ackOk(), 'TELESERVICE_PROTOCOL_ERROR', 'retryable', {}],
    ['a refused connection', refused(), 'TELESERVICE_UNAVAILABLE', 'retryable', {}],
    [
      'a timeout',
      new TransportError('timeout', 'no complete answer within 5000 ms'),
      'TELESERVICE_UNAVAILABLE',
      'retryable',
      {},
    ],
  ])('classifies %s', async (_label, answer, code, kind, extra) => {
    const { c } = client([answer], { maxRetries: 0 });
    const error = await failure(c.consult('A1'));
    expect([error.code, error.kind]).toEqual([code, kind]);
    expect(error.extra ?? {}).toMatchObject(extra);
  });

  it('retries reads on retryable failures, never on business faults', async () => {
    const read = client([refused(), fault('SERVER_BUSY', {}, 'Server'), consultOk()]);
    await expect(read.c.consult('A1')).resolves.toEqual(EXAMPLE_PRESCRIPTION);
    expect(read.transport.calls).toHaveLength(3);
    const business = client([fault('PRESCRIPTION_UNKNOWN')]);
    await failure(business.c.consult('A1'));
    expect(business.transport.calls).toHaveLength(1);
  });

  it('does not retry writes unless asked, and marks a lost write answer as outcome unknown', async () => {
    const once = client([new TransportError('timeout', 'late')]);
    const error = await failure(once.c.recordExecution('A1', 1, EXAMPLE_EXECUTION));
    expect(error.extra).toMatchObject({ outcomeUnknown: true });
    expect(once.transport.calls).toHaveLength(1);
    const retried = client([refused(), ackOk()], { retryWrites: true });
    await expect(retried.c.recordExecution('A1', 1, EXAMPLE_EXECUTION)).resolves.toEqual(EXAMPLE_ACK);
    expect(retried.transport.calls).toHaveLength(2);
  });

  it('keeps every call inside its deadline: a silent peer leaves no time for a retry', async () => {
    const silent = (timeoutMs: number): TransportError => {
      ticks += timeoutMs;
      return new TransportError('timeout', `no complete answer within ${timeoutMs} ms`);
    };
    const { c, transport } = client([silent, consultOk()], { timeoutMs: 800 });
    const error = await failure(c.consult('A1'));
    expect(error.code).toBe('TELESERVICE_UNAVAILABLE');
    expect(transport.calls.map((call) => call.timeoutMs)).toEqual([800]);
  });

  it('gives each attempt its own deadline when attemptTimeoutMs is set', async () => {
    const slow = (timeoutMs: number): TransportError => {
      ticks += timeoutMs;
      return new TransportError('timeout', 'late');
    };
    const { c, transport } = client([slow, consultOk()], { timeoutMs: 1000, attemptTimeoutMs: 400 });
    await expect(c.consult('A1')).resolves.toEqual(EXAMPLE_PRESCRIPTION);
    expect(transport.calls.map((call) => call.timeoutMs)).toEqual([400, 400]);
  });

  it('opens the circuit after repeated transport failures, fails fast, then tries again after the cool-down', async () => {
    const { c, transport } = client([refused(), refused(), refused(), consultOk()], { maxRetries: 0 });
    for (let i = 0; i < 3; i += 1) await failure(c.consult('A1'));
    expect(c.circuitState).toBe('open');
    const fast = await failure(c.consult('A1'));
    expect(fast.code).toBe('TELESERVICE_UNAVAILABLE');
    expect(fast.extra).toMatchObject({ circuit: 'open', retryAfterSeconds: 30 });
    expect(transport.calls).toHaveLength(3);
    await expect(c.ping()).resolves.toMatchObject({ status: 'circuit-open' });
    ticks += 30_000;
    await expect(c.consult('A1')).resolves.toEqual(EXAMPLE_PRESCRIPTION);
    expect(c.circuitState).toBe('closed');
  });

  it('counts business faults as a live service', async () => {
    const { c } = client([refused(), refused(), fault('PRESCRIPTION_UNKNOWN'), refused(), refused()], {
      maxRetries: 0,
    });
    for (let i = 0; i < 5; i += 1) await failure(c.consult('A1'));
    expect(c.circuitState).toBe('closed');
  });

  it('drops the cached assertion after NOT_AUTHORISED so the next call signs a fresh one', async () => {
    const { c } = client([fault('NOT_AUTHORISED', { reason: 'expired' }), consultOk()]);
    await failure(c.consult('A1'));
    await c.consult('A1');
    expect(signer.signed).toBe(2);
  });

  it('refuses a request the contract cannot carry without sending anything', async () => {
    const { c, transport } = client([]);
    const error = await failure(c.recordExecution('A1', 0, EXAMPLE_EXECUTION));
    expect([error.code, error.status]).toEqual(['TELESERVICE_REQUEST_INVALID', 422]);
    expect(transport.calls).toHaveLength(0);
  });

  it('reports a signer failure without sending anything', async () => {
    signer.fail = true;
    const { c, transport } = client([]);
    expect((await failure(c.consult('A1'))).code).toBe('SIGNER_UNAVAILABLE');
    expect(transport.calls).toHaveLength(0);
  });

  it('does not wait past the deadline for a signer that never answers', async () => {
    signer.signAssertion = () => new Promise<string>(() => undefined);
    const { c, transport } = client([], { timeoutMs: 50 });
    const error = await failure(c.consult('A1'));
    expect([error.code, error.message]).toEqual([
      'SIGNER_UNAVAILABLE',
      'cannot sign the assertion: no signature within 50 ms',
    ]);
    expect(transport.calls).toHaveLength(0);
  });

  it('pings the WSDL', async () => {
    const up = client([{ status: 200, contentType: 'text/xml', body: '<wsdl:definitions/>' }]);
    await expect(up.c.ping()).resolves.toMatchObject({ status: 'up' });
    const down = client([refused()]);
    await expect(down.c.ping()).resolves.toMatchObject({ status: 'down' });
  });
});
