import type * as soap from 'soap';
import { FixedClock } from '../../core/clock/clock';
import {
  EXAMPLE_EXECUTION,
  EXAMPLE_PRESCRIPTION,
  PORT_EXAMPLES,
  SOFTWARE,
} from '../../../test/fixtures/teleservice/examples';
import { comparableRequest, expectGolden, readFixture } from '../../../test/fixtures/teleservice/golden';
import { PrescriptionException } from '../prescription.exception';
import { SignerError } from './security/signer-error';
import { AssertionClaims, AssertionWindow, SignerPort } from './security/signer.port';
import { retryPause, SoapTeleserviceClient, SoapTeleserviceClientOptions } from './soap-teleservice.client';
import { Text } from '../../core/i18n/messages';

interface Answer {
  status: number;
  contentType?: string;
  body: string;
}
type Script = Answer | Error | ((options: Record<string, unknown>) => Answer | Error | Promise<Error>);

/** node-soap's HTTP seam played from a script; it records what was asked and fails on an unscripted call. */
class ScriptedHttp implements soap.IHttpClient {
  readonly calls: Array<{ body?: string; timeout?: number; claims?: string }> = [];
  constructor(private readonly script: Script[]) {}

  request(
    _url: string,
    data: unknown,
    callback: (error: unknown, res?: unknown, body?: unknown) => unknown,
    _headers?: Record<string, unknown>,
    options: Record<string, unknown> = {},
  ) {
    const body = typeof data === 'string' ? data : undefined;
    this.calls.push({ body, timeout: options.timeout as number | undefined });
    const next = this.script.shift();
    const settle = (outcome: Answer | Error) => {
      if (outcome instanceof Error) return callback(outcome);
      const res = {
        status: outcome.status,
        headers: { 'content-type': outcome.contentType ?? 'text/xml' },
        data: outcome.body,
      };
      return callback(null, res, outcome.body);
    };
    setImmediate(() => {
      if (!next) return callback(new Error('unscripted HTTP call'));
      const outcome = typeof next === 'function' ? next(options) : next;
      void Promise.resolve(outcome).then(settle);
    });
    return undefined as never;
  }
}

class StubSigner extends SignerPort {
  signed: AssertionClaims[] = [];
  fail: Error | undefined;
  async signAssertion(claims: AssertionClaims, _w: AssertionWindow): Promise<string> {
    if (this.fail) throw this.fail;
    this.signed.push(claims);
    return `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_s${this.signed.length}"/>`;
  }
}

const xml = (status: number, body: string): Answer => ({ status, body });
const consultOk = (): Answer => xml(200, readFixture('consulterPrescription.response.xml'));
const ackOk = (): Answer => xml(200, readFixture('enregistrerExecution.response.xml'));
const fault = (code: string, extra: Record<string, unknown> = {}, faultcode = 'Client'): Answer => {
  const fields = Object.entries({
    code,
    message: code.toLowerCase(),
    retryable: faultcode === 'Server',
    ...extra,
  })
    .map(([k, v]) => `<${k}>${String(v)}</${k}>`)
    .join('');
  return xml(
    500,
    `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>` +
      `<faultcode>s:${faultcode}</faultcode><faultstring>${code}</faultstring><detail>` +
      `<teleserviceFault xmlns="urn:comptoir:eprescription:v1">${fields}</teleserviceFault></detail></s:Fault></s:Body></s:Envelope>`,
  );
};
const axiosError = (code: string, message = code): Error =>
  Object.assign(new Error(message), { isAxiosError: true, code });
const refused = (): Error => axiosError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1');
/** A peer that never answers: the call ends when the client's deadline aborts it. */
const silent =
  (onAbort: () => void = () => undefined) =>
  (options: Record<string, unknown>): Promise<Error> =>
    new Promise((resolve) =>
      (options.signal as AbortSignal).addEventListener('abort', () => {
        onAbort();
        resolve(
          Object.assign(axiosError('ERR_CANCELED', 'canceled'), {
            cause: (options.signal as AbortSignal).reason,
          }),
        );
      }),
    );

describe('SoapTeleserviceClient', () => {
  const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));
  let ticks = 0;
  let signer: StubSigner;
  const clients: SoapTeleserviceClient[] = [];
  const client = (script: Script[], options: Partial<SoapTeleserviceClientOptions> = {}) => {
    const http = new ScriptedHttp(script);
    const c = new SoapTeleserviceClient({
      url: 'http://127.0.0.1:1/eprescription',
      signer,
      identity: { rpps: '10001234567', finess: '990000011', software: SOFTWARE },
      clock,
      monotonic: () => ticks,
      httpClient: http,
      retryDelayMs: 1,
      breaker: { failureThreshold: 3, cooldownMs: 30_000 },
      ...options,
    });
    clients.push(c);
    return { c, http };
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

  afterAll(async () => {
    for (const c of clients) await c.close();
  });

  describe.each(PORT_EXAMPLES.map((e) => [e.operation, e] as const))('%s', (operation, example) => {
    it('sends the golden request and reads the golden response into the port type', async () => {
      const { c, http } = client([xml(200, readFixture(`${operation}.response.xml`))]);
      await expect(example.call(c)).resolves.toEqual(example.result);
      expect(http.calls).toHaveLength(1);
      expectGolden(`${operation}.request.xml`, comparableRequest(http.calls[0].body!));
    });
  });

  it('signs the assertion once for many calls and sends it in the WS-Security header', async () => {
    const { c, http } = client([consultOk(), consultOk()]);
    await c.consult(EXAMPLE_PRESCRIPTION.prescriptionId);
    await c.consult(EXAMPLE_PRESCRIPTION.prescriptionId);
    expect(signer.signed).toHaveLength(1);
    expect(http.calls[1].body).toMatch(
      /<wsse:Security [^>]*soap:mustUnderstand="1"><saml:Assertion [^>]*ID="_s1"\/><\/wsse:Security>/,
    );
    expect(http.calls[0].timeout).toBe(5000);
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
      'a foreign fault without our detail',
      xml(
        500,
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>',
      ),
      'TELESERVICE_REFUSED',
      'permanent',
      { teleserviceCode: 'UNKNOWN_FAULT' },
    ],
    [
      'HTTP 500 without SOAP',
      { status: 500, contentType: 'text/plain', body: 'Internal Server Error' },
      'TELESERVICE_UNAVAILABLE',
      'retryable',
      { httpStatus: 500 },
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
    [
      'a response breaking the contract',
      xml(
        200,
        readFixture('consulterPrescription.response.xml').replace(
          '<status>partially-executed</status>',
          '<status>lost</status>',
        ),
      ),
      'TELESERVICE_PROTOCOL_ERROR',
      'retryable',
      {},
    ],
    ['a refused connection', refused(), 'TELESERVICE_UNAVAILABLE', 'retryable', {}],
    [
      'an oversized answer',
      axiosError('ERR_BAD_RESPONSE', 'maxContentLength size of 10485760 exceeded'),
      'TELESERVICE_PROTOCOL_ERROR',
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
    expect(read.http.calls).toHaveLength(3);
    const business = client([fault('PRESCRIPTION_UNKNOWN')]);
    await failure(business.c.consult('A1'));
    expect(business.http.calls).toHaveLength(1);
  });

  it('does not retry writes unless asked, and marks a lost write answer as outcome unknown', async () => {
    const once = client([axiosError('ECONNRESET', 'socket hang up')]);
    const error = await failure(once.c.recordExecution('A1', 1, EXAMPLE_EXECUTION));
    expect(error.extra).toMatchObject({ outcomeUnknown: true });
    expect(once.http.calls).toHaveLength(1);
    const retried = client([refused(), ackOk()], { retryWrites: true });
    await expect(retried.c.recordExecution('A1', 1, EXAMPLE_EXECUTION)).resolves.toMatchObject({
      sequence: 1,
    });
    expect(retried.http.calls).toHaveLength(2);
  });

  it('keeps every call inside its deadline: a silent peer leaves no time for a retry', async () => {
    const { c, http } = client([silent(() => (ticks += 80)), consultOk()], { timeoutMs: 80 });
    const error = await failure(c.consult('A1'));
    expect([error.code, error.message]).toEqual([
      'TELESERVICE_UNAVAILABLE',
      'teleservice did not answer in time (no complete answer within 80 ms)',
    ]);
    expect(http.calls.map((call) => call.timeout)).toEqual([80]);
  });

  it('gives each attempt its own deadline when attemptTimeoutMs is set', async () => {
    const { c, http } = client([silent(() => (ticks += 40)), consultOk()], {
      timeoutMs: 1000,
      attemptTimeoutMs: 40,
    });
    await expect(c.consult('A1')).resolves.toEqual(EXAMPLE_PRESCRIPTION);
    expect(http.calls.map((call) => call.timeout)).toEqual([40, 40]);
  });

  it('opens the circuit after repeated transport failures, fails fast, then tries again after the cool-down', async () => {
    const { c, http } = client([refused(), refused(), refused(), consultOk()], { maxRetries: 0 });
    for (let i = 0; i < 3; i += 1) await failure(c.consult('A1'));
    expect(c.circuitState).toBe('open');
    const fast = await failure(c.consult('A1'));
    expect(fast.code).toBe('TELESERVICE_UNAVAILABLE');
    expect(fast.extra).toMatchObject({ circuit: 'open', retryAfterSeconds: 30 });
    expect(http.calls).toHaveLength(3);
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
    expect(signer.signed).toHaveLength(2);
  });

  it('signs execution-kind calls with the structure certificate, reads with the card', async () => {
    const structure = new StubSigner();
    const { c, http } = client([consultOk(), ackOk()], { structureSigner: structure });
    await c.consult('A1');
    await c.recordExecution('A1', 1, EXAMPLE_EXECUTION);
    expect(signer.signed.map((s) => [s.rpps, s.role])).toEqual([['10001234567', 'pharmacien']]);
    expect(structure.signed.map((s) => [s.rpps, s.role, s.pharmacy.finess])).toEqual([
      ['3990000011', 'structure', '990000011'],
    ]);
    expect(http.calls[1].body).toContain('ID="_s1"');
  });

  it('refuses a request the contract cannot carry without sending anything', async () => {
    const { c, http } = client([]);
    for (const bad of [
      c.recordExecution('A1', 0, EXAMPLE_EXECUTION),
      c.recordExecution('A 1', 1, EXAMPLE_EXECUTION),
      c.recordExecution('A1', 1, { ...EXAMPLE_EXECUTION, lines: [{ lineId: '1\u0001', products: [] }] }),
    ]) {
      const error = await failure(bad);
      expect([error.code, error.status]).toEqual(['TELESERVICE_REQUEST_INVALID', 422]);
    }
    expect(http.calls).toHaveLength(0);
  });

  it.each<[string, Error, string]>([
    ['any error', new Error('card removed'), 'SIGNER_UNAVAILABLE'],
    ['token absent', new SignerError('token-absent', 'no token labelled CPS'), 'SIGNER_TOKEN_ABSENT'],
    ['PIN incorrect', new SignerError('pin-incorrect', 'PIN refused'), 'SIGNER_PIN_INCORRECT'],
    ['PIN locked', new SignerError('pin-locked', 'PIN locked'), 'SIGNER_PIN_LOCKED'],
    ['no key', new SignerError('key-not-found', 'no key'), 'SIGNER_KEY_NOT_FOUND'],
  ])('reports a signer failure (%s) as retryable without sending anything', async (_label, cause, code) => {
    signer.fail = cause;
    const { c, http } = client([]);
    const error = await failure(c.consult('A1'));
    expect([error.code, error.kind]).toEqual([code, 'retryable']);
    expect(http.calls).toHaveLength(0);
  });

  it('does not wait past the deadline for a signer that never answers', async () => {
    signer.signAssertion = () => new Promise<string>(() => undefined);
    const { c, http } = client([], { timeoutMs: 50 });
    const error = await failure(c.consult('A1'));
    expect([error.code, error.message]).toEqual([
      'SIGNER_UNAVAILABLE',
      'cannot sign the assertion: no signature within 50 ms',
    ]);
    expect(http.calls).toHaveLength(0);
  });

  it('pings the WSDL', async () => {
    const up = client([{ status: 200, body: '<wsdl:definitions/>' }]);
    await expect(up.c.ping()).resolves.toMatchObject({ status: 'up' });
    const down = client([refused()]);
    await expect(down.c.ping()).resolves.toMatchObject({ status: 'down' });
  });

  it('retries only what may succeed, and never past the deadline', () => {
    const busy = {
      error: new PrescriptionException('TELESERVICE_UNAVAILABLE', new Text('occupé', 'busy')),
      serviceFailure: true,
    };
    const refusedCall = {
      error: new PrescriptionException('TELESERVICE_REFUSED', new Text('non', 'no')),
      serviceFailure: false,
    };
    const policy = { maxRetries: 2, delayMs: 100, remainingMs: 1000 };
    expect([0, 1, 2].map((n) => retryPause(n, busy, policy))).toEqual([100, 200, undefined]);
    expect(retryPause(0, refusedCall, policy)).toBeUndefined();
    expect(retryPause(0, { ...busy, final: true }, policy)).toBeUndefined();
    expect(retryPause(1, busy, { ...policy, remainingMs: 210 })).toBeUndefined();
  });
});
