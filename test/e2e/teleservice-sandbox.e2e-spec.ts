import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import * as soap from 'soap';
import request from 'supertest';
import { FixedClock } from '../../src/core/clock/clock';
import { PrescriptionException } from '../../src/prescription/prescription.exception';
import {
  createTestCa,
  issueCardCertificate,
  loadOrCreateTestPki,
  TEST_PHARMACIST,
  TestPki,
} from '../../src/prescription/teleservice/security/test-pki';
import type { SignerPort } from '../../src/prescription/teleservice/security/signer.port';
import { TestPkiSigner } from '../../src/prescription/teleservice/security/test-pki-signer';
import type { ExecutionPayload, Prescription } from '../../src/prescription/teleservice/teleservice.types';
import { DEMO_PRESCRIPTION_IDS } from '../../src/teleservice-sandbox/demo-seeds';
import { RunningSandbox, startSandbox } from '../../src/teleservice-sandbox/sandbox.server';
import { EXAMPLE_EXECUTION, EXAMPLE_SEED, SOFTWARE } from '../fixtures/teleservice/examples';
import { AlteringSigner, ClientKit, settle, testClient } from '../fixtures/teleservice/harness';
import { bodyPayload, xsdErrors } from '../fixtures/teleservice/xsd-validate';
import { until } from '../support/until';

jest.setTimeout(20_000);

const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));
const TIMEOUT = 600;

describe('teleservice sandbox over HTTP', () => {
  let dir: string;
  let pki: TestPki;
  let sandbox: RunningSandbox;
  const kits: ClientKit[] = [];
  const kit = (
    options: Parameters<typeof testClient>[2] = {},
    signer: SignerPort = new TestPkiSigner(pki.pharmacistCard),
  ): ClientKit => {
    const k = testClient(sandbox.soapUrl, signer, { clock, ...options });
    kits.push(k);
    return k;
  };
  const admin = () => request(sandbox.url);
  const seed = async (body: object = EXAMPLE_SEED): Promise<string> => {
    const res = await admin().post('/sandbox/prescriptions').send(body).expect(201);
    return res.body.prescriptionId as string;
  };
  const ledger = async (id: string) =>
    (await admin().get(`/sandbox/prescriptions/${id}`).expect(200)).body.ledger;
  const faults = (body: object) => admin().post('/sandbox/faults').send(body).expect(200);
  const failure = async (promise: Promise<unknown>): Promise<PrescriptionException> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PrescriptionException);
    return error as PrescriptionException;
  };
  const execution = (lineId = '1', quantity = 1): ExecutionPayload => ({
    ...EXAMPLE_EXECUTION,
    pharmacy: undefined,
    lines: [
      {
        lineId,
        products: [
          { cip13: '3400941533969', quantity, lot: 'A1', unitPriceCents: 216, reimbursementRate: 65 },
        ],
      },
    ],
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
    pki = loadOrCreateTestPki(join(dir, 'pki'), clock.now());
    sandbox = await startSandbox({ dataDir: dir, trustedCaPem: pki.ca.certPem, clock });
  });

  afterEach(async () => {
    await faults({ mode: 'none' });
  });

  afterAll(async () => {
    for (const k of kits) await k.client.close();
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let toolkit: soap.Client;

  it('serves the WSDL and XSD, readable by a standard SOAP toolkit (node-soap)', async () => {
    const wsdl = await admin().get('/eprescription?wsdl').expect(200);
    expect(wsdl.text).toContain(`<soap:address location="${sandbox.soapUrl}"/>`);
    const client = await soap.createClientAsync(`${sandbox.soapUrl}?wsdl`);
    toolkit = client;
    expect(Object.keys(client.describe().EPrescriptionService.EPrescriptionPort)).toEqual([
      'consulterPrescription',
      'enregistrerExecution',
      'mettreAJourApresFacturation',
      'annulerExecution',
      'rechercherPrescriptions',
    ]);
    const assertion = await new TestPkiSigner(pki.pharmacistCard).signAssertion(
      {
        rpps: TEST_PHARMACIST.rpps,
        role: 'pharmacien',
        pharmacy: { finess: '990000011', am: '991234567' },
        software: SOFTWARE,
      },
      {
        issueInstant: clock.now(),
        notBefore: clock.now(),
        notOnOrAfter: new Date(clock.now().getTime() + 60_000),
      },
    );
    const unsigned = await client
      .consulterPrescriptionAsync({ prescriptionId: DEMO_PRESCRIPTION_IDS[1] })
      .catch((e: unknown) => e);
    expect(JSON.stringify((unsigned as { root?: unknown }).root)).toContain('NOT_AUTHORISED');
    client.addSoapHeader(
      `<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">${assertion}</wsse:Security>`,
    );
    const [result] = await client.consulterPrescriptionAsync({ prescriptionId: DEMO_PRESCRIPTION_IDS[1] });
    expect(result.prescription.lines.line[0].product.cip13).toBe('3400930065891');
  });

  it('loads the demo prescriptions made of real BDPM products', async () => {
    const res = await admin().get('/sandbox/prescriptions').expect(200);
    expect(res.body.items.map((i: { prescriptionId: string }) => i.prescriptionId)).toEqual([
      ...DEMO_PRESCRIPTION_IDS,
    ]);
    const demo = await kit().client.consult(DEMO_PRESCRIPTION_IDS[0]);
    expect(demo.lines.map((l) => l.product.cis)).toEqual(['69309629', '66511789']);
  });

  it('answers every other operation to the standard SOAP toolkit', async () => {
    // As any SOAP toolkit writes them from the WSDL: lists wrapped, keys in the XSD's order.
    const id = await seed();
    const [recorded] = await toolkit.enregistrerExecutionAsync({
      prescriptionId: id,
      sequence: 1,
      execution: {
        dispensingDate: '2026-11-22',
        renewalNumber: 0,
        pharmacist: { rpps: TEST_PHARMACIST.rpps, role: 'pharmacien' },
        pharmacy: { finess: '990000011', am: '991234567' },
        lines: {
          line: [
            {
              lineId: '1',
              products: {
                product: [
                  { cip13: '3400941533969', quantity: 1, unitPriceCents: 216, reimbursementRate: 65 },
                ],
              },
            },
          ],
        },
        prescriber: { rpps: '99900038441' },
      },
    });
    expect(recorded.accuse).toMatchObject({ prescriptionId: id, sequence: 1, kind: 'execution' });
    const [invoiced] = await toolkit.mettreAJourApresFacturationAsync({
      prescriptionId: id,
      sequence: 2,
      fse: { executionSequence: 1, fseNumber: 'F1', invoicedAt: '2026-11-22T10:00:00+01:00' },
    });
    expect(invoiced.accuse).toMatchObject({ sequence: 2, kind: 'post-invoice' });
    const [cancelled] = await toolkit.annulerExecutionAsync({
      prescriptionId: id,
      sequence: 3,
      executionSequence: 1,
      motif: 'lot mal saisi',
    });
    expect(cancelled.accuse).toMatchObject({ sequence: 3, kind: 'cancellation' });
    const [found] = await toolkit.rechercherPrescriptionsAsync({
      criteres: { patientIns: '166022B12345678' },
    });
    const ids = [found.resultats.prescription]
      .flat()
      .map((p: { prescriptionId: string }) => p.prescriptionId);
    expect(ids).toContain(id);
    expect((await ledger(id)).map((e: { accepted: boolean }) => e.accepted)).toEqual([true, true, true]);
  });

  it('seeds a prescription and returns it through the client, equal to the seed', async () => {
    const res = await admin().post('/sandbox/prescriptions').send(EXAMPLE_SEED).expect(201);
    const { prescriptionId, qr, qrPng } = res.body as { prescriptionId: string; qr: string; qrPng: string };
    expect(prescriptionId).toMatch(/^20261122\d{10}$/);
    expect(JSON.parse(qr)).toEqual({
      S: { V: 2 },
      D: {
        ID: prescriptionId,
        P: { N: 'ESSAI', P: 'ALAIN', D: '1966-02-23' },
        M: { RPPS: '99900038441', AM: '991118019' },
      },
    });
    expect(PNG.sync.read(Buffer.from(qrPng, 'base64')).width).toBeGreaterThan(50);
    const expected: Prescription = {
      ...EXAMPLE_SEED,
      prescriptionId,
      createdAt: '2026-11-20',
      expiresAt: '2027-11-20',
      status: 'open',
      consentExecutionView: true,
      lines: EXAMPLE_SEED.lines.map((line, i) => ({ ...line, lineId: String(i + 1) })),
      executions: [],
    };
    const { client } = kit();
    await expect(client.consult(prescriptionId)).resolves.toEqual(expected);
    const traits = {
      lastName: 'essai',
      firstName: 'Alain',
      birthDate: '1966-02-23',
      prescriberRpps: '99900038441',
    };
    await expect(client.consult(prescriptionId, { qr: traits })).resolves.toEqual(expected);
    const mismatch = await failure(client.consult(prescriptionId, { qr: { ...traits, lastName: 'ESSAIE' } }));
    expect([mismatch.code, mismatch.extra?.reason]).toEqual(['QR_DATA_MISMATCH', 'patient.lastName']);
    expect((await client.search({ patientIns: '166022B12345678' })).map((s) => s.prescriptionId)).toContain(
      prescriptionId,
    );
  });

  it('applies the sequential mode: order, idempotent replay, conflict, shared numbering, per pharmacy', async () => {
    const id = await seed();
    const { client } = kit();
    const first = await client.recordExecution(id, 1, execution());
    const gap = await failure(client.recordExecution(id, 3, execution()));
    expect([gap.code, gap.extra?.expectedSequence]).toEqual(['SEQUENCE_OUT_OF_ORDER', 2]);
    await expect(client.recordExecution(id, 1, execution())).resolves.toEqual(first);
    expect((await failure(client.recordExecution(id, 1, execution('1', 2)))).code).toBe('EXECUTION_CONFLICT');
    const invoice = { executionSequence: 1, fseNumber: 'F1', invoicedAt: '2026-11-22T10:00:00+01:00' };
    await expect(client.updateAfterInvoicing(id, 2, invoice)).resolves.toMatchObject({
      sequence: 2,
      kind: 'post-invoice',
    });
    expect((await failure(client.cancelExecution(id, 3, { executionSequence: 2, reason: 'x' }))).code).toBe(
      'EXECUTION_UNKNOWN',
    );
    await client.cancelExecution(id, 3, { executionSequence: 1, reason: 'lot mal saisi' });
    const other = kit({
      identity: { rpps: TEST_PHARMACIST.rpps, finess: '990000029', am: '991234599', software: SOFTWARE },
    });
    await expect(other.client.recordExecution(id, 1, execution('2'))).resolves.toMatchObject({ sequence: 1 });

    const entries = await ledger(id);
    expect(
      entries.map((e: Record<string, unknown>) => [
        e.sequence,
        e.kind,
        e.accepted,
        e.duplicate,
        e.conflict,
        e.error ?? null,
      ]),
    ).toEqual([
      [1, 'execution', true, false, false, null],
      [3, 'execution', false, false, false, 'SEQUENCE_OUT_OF_ORDER'],
      [1, 'execution', true, true, false, null],
      [1, 'execution', false, false, true, 'EXECUTION_CONFLICT'],
      [2, 'post-invoice', true, false, false, null],
      [3, 'cancellation', false, false, false, 'EXECUTION_UNKNOWN'],
      [3, 'cancellation', true, false, false, null],
      [1, 'execution', true, false, false, null],
    ]);
    expect(entries[0].payload.lines[0].products[0]).toEqual({
      cip13: '3400941533969',
      quantity: 1,
      lot: 'A1',
      unitPriceCents: 216,
      reimbursementRate: 65,
    });
    const seen = await client.consult(id);
    expect(seen.executions.map((e) => [e.pharmacy.finess, e.sequence, e.kind, e.cancelled])).toEqual([
      ['990000011', 1, 'execution', true],
      ['990000011', 2, 'post-invoice', false],
      ['990000011', 3, 'cancellation', false],
      ['990000029', 1, 'execution', false],
    ]);
  });

  it('refuses an execution on an expired or fully executed prescription, and shows deliveries elsewhere', async () => {
    const { client } = kit();
    const old = await seed({ ...EXAMPLE_SEED, createdAt: '2024-01-10' });
    expect((await failure(client.recordExecution(old, 1, execution()))).code).toBe('PRESCRIPTION_EXPIRED');
    const exceptional = execution();
    exceptional.lines[0].renewal = { kind: 'exceptional-dispensation' };
    await expect(client.recordExecution(old, 1, exceptional)).resolves.toMatchObject({ sequence: 1 });

    const single = await seed({ ...EXAMPLE_SEED, lines: [EXAMPLE_SEED.lines[1]] });
    const elsewhere = {
      pharmacy: { finess: '990000029', name: 'Pharmacie de la Gare' },
      lines: [{ lineId: '1', quantity: 1 }],
      date: '2026-11-21',
    };
    await admin().post(`/sandbox/prescriptions/${single}/executions`).send(elsewhere).expect(201);
    const seen = await client.consult(single);
    expect(seen.status).toBe('fully-executed');
    expect(seen.executions).toEqual([
      {
        ...elsewhere,
        sequence: 1,
        kind: 'execution',
        receivedAt: clock.now().toISOString(),
        cancelled: false,
      },
    ]);
    expect((await failure(client.recordExecution(single, 1, execution()))).code).toBe(
      'PRESCRIPTION_FULLY_EXECUTED',
    );
    expect((await failure(client.consult('999999999999999999'))).code).toBe('PRESCRIPTION_UNKNOWN');
  });

  describe('fault injection: every mode survived, classified, never a hang', () => {
    it.each([
      ['timeout', {}, 'TELESERVICE_UNAVAILABLE', true],
      ['reset', {}, 'TELESERVICE_UNAVAILABLE', true],
      ['malformed', {}, 'TELESERVICE_PROTOCOL_ERROR', true],
      ['http500', {}, 'TELESERVICE_UNAVAILABLE', false],
      ['soap-fault', {}, 'TELESERVICE_UNAVAILABLE', false],
      ['latency', { latencyMs: TIMEOUT * 2 }, 'TELESERVICE_UNAVAILABLE', true],
    ])('%s', async (mode, extra, code, processed) => {
      const id = await seed();
      const { client } = kit({ timeoutMs: TIMEOUT });
      await faults({ mode, rate: 1, ...extra });
      // How long each fault takes to classify is measured in `npm run bench` (bench/teleservice.bench.ts).
      const outcome = await settle(() => client.recordExecution(id, 1, execution()));
      const error = outcome.error as PrescriptionException;
      expect([error.code, error.kind, error.extra?.outcomeUnknown]).toEqual([
        code,
        'retryable',
        processed ? true : undefined,
      ]);
      await faults({ mode: 'none' });
      // A delayed call is still sleeping on the server: let it land before resending.
      if (mode === 'latency')
        await until(async () => (await ledger(id)).length > 0, { what: 'the delayed call recorded' });
      const resent = await client.recordExecution(id, 1, execution());
      const entries = await ledger(id);
      expect(entries[0]).toMatchObject({ fault: mode, accepted: processed });
      expect(entries[1]).toMatchObject({ accepted: true, duplicate: processed });
      if (processed) expect(resent.receivedAt).toBe(entries[0].receivedAt);
    });

    it('answers after a short latency', async () => {
      await faults({ mode: 'latency', rate: 1, latencyMs: 100 });
      // The latency is there: a client that waits less than it gives up...
      const impatient = await settle(() => kit({ timeoutMs: 20 }).client.consult(DEMO_PRESCRIPTION_IDS[0]));
      expect((impatient.error as PrescriptionException).code).toBe('TELESERVICE_UNAVAILABLE');
      // ...and one that waits longer gets the prescription.
      const outcome = await settle(() =>
        kit({ timeoutMs: TIMEOUT }).client.consult(DEMO_PRESCRIPTION_IDS[0]),
      );
      expect(outcome.error).toBeUndefined();
      expect(outcome.result).toMatchObject({ prescriptionId: DEMO_PRESCRIPTION_IDS[0] });
    });

    it('gets reads through a seeded 50 % fault rate by retrying', async () => {
      await faults({ mode: 'http500', rate: 0.5, seed: 42 });
      const { client, transport } = kit({ maxRetries: 6 });
      for (let i = 0; i < 5; i += 1) await client.consult(DEMO_PRESCRIPTION_IDS[0]);
      expect(transport.requests.length).toBeGreaterThan(5);
    });

    it('opens the circuit after repeated failures and then fails fast', async () => {
      await faults({ mode: 'http500', rate: 1 });
      const { client, transport } = kit({
        maxRetries: 0,
        breaker: { failureThreshold: 2, cooldownMs: 60_000 },
      });
      await failure(client.consult(DEMO_PRESCRIPTION_IDS[0]));
      await failure(client.consult(DEMO_PRESCRIPTION_IDS[0]));
      const fast = await settle(() => client.consult(DEMO_PRESCRIPTION_IDS[0]));
      expect((fast.error as PrescriptionException).extra).toMatchObject({ circuit: 'open' });
      expect(transport.requests).toHaveLength(2);
    });

    it('yields TELESERVICE_UNAVAILABLE when nothing listens', async () => {
      const { client } = kit();
      const dead = testClient('http://127.0.0.1:9/eprescription', new TestPkiSigner(pki.pharmacistCard), {
        clock,
      });
      kits.push(dead);
      expect((await failure(dead.client.consult('1'))).code).toBe('TELESERVICE_UNAVAILABLE');
      await expect(dead.client.ping()).resolves.toMatchObject({ status: 'down' });
      await expect(client.ping()).resolves.toMatchObject({ status: 'up' });
    });
  });

  describe('signed assertion checks', () => {
    const refusal = async (
      signer: ConstructorParameters<typeof AlteringSigner>[1] | TestPkiSigner,
      rpps?: string,
    ) => {
      const s = signer instanceof TestPkiSigner ? signer : new AlteringSigner(pki.pharmacistCard, signer);
      const { client } = kit(rpps ? { identity: { rpps, finess: '990000011', software: SOFTWARE } } : {}, s);
      const error = await failure(client.recordExecution(DEMO_PRESCRIPTION_IDS[2], 1, execution()));
      return [error.code, error.extra?.reason];
    };

    it.each([
      ['unsigned', { unsigned: true }, 'unsigned'],
      [
        'forged (tampered after signing)',
        { xml: (x: string) => x.replace('>pharmacien<', '>preparateur<') },
        'tampered',
      ],
      [
        'expired',
        {
          window: () => ({
            issueInstant: new Date('2026-11-22T07:00:00Z'),
            notBefore: new Date('2026-11-22T07:00:00Z'),
            notOnOrAfter: new Date('2026-11-22T08:00:00Z'),
          }),
        },
        'expired',
      ],
    ])('refuses an %s assertion', async (_label, alter, reason) => {
      expect(await refusal(alter)).toEqual(['NOT_AUTHORISED', reason]);
    });

    it('caps the assertion lifetime at one hour, as the national service does', async () => {
      const day = {
        window: () => ({
          issueInstant: clock.now(),
          notBefore: clock.now(),
          notOnOrAfter: new Date(clock.now().getTime() + 24 * 3_600_000),
        }),
      };
      expect(await refusal(day)).toEqual(['NOT_AUTHORISED', 'lifetime-too-long']);
    });

    it('accepts role pharmacien only when the subject is the RPPS of the signing card', async () => {
      const colleague = issueCardCertificate(
        pki.ca,
        { ...TEST_PHARMACIST, rpps: '10001112223' },
        clock.now(),
      );
      expect(await refusal(new TestPkiSigner(colleague))).toEqual(['NOT_AUTHORISED', 'identity-mismatch']);
    });

    it('refuses a non-pharmacist card and a card from an untrusted CA', async () => {
      expect(await refusal(new TestPkiSigner(pki.nonPharmacistCard), pki.nonPharmacistCard.rpps)).toEqual([
        'NOT_AUTHORISED',
        'not-a-pharmacist-card',
      ]);
      const rogue = issueCardCertificate(createTestCa({ now: clock.now() }), TEST_PHARMACIST, clock.now());
      expect(await refusal(new TestPkiSigner(rogue))).toEqual(['NOT_AUTHORISED', 'untrusted']);
      const entries = await ledger(DEMO_PRESCRIPTION_IDS[2]);
      expect(
        entries.every(
          (e: { accepted: boolean; error: string }) => !e.accepted && e.error === 'NOT_AUTHORISED',
        ),
      ).toBe(true);
    });
  });

  it('serves https with the test CA', async () => {
    const tlsDir = mkdtempSync(join(tmpdir(), 'sandbox-tls-'));
    const tls = await startSandbox({
      dataDir: tlsDir,
      trustedCaPem: pki.ca.certPem,
      clock,
      tls: { cert: pki.server.certPem, key: pki.server.keyPem },
    });
    try {
      expect(tls.soapUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/eprescription$/);
      const trusting = testClient(tls.soapUrl, new TestPkiSigner(pki.pharmacistCard), {
        clock,
        caPem: pki.ca.certPem,
      });
      const untrusting = testClient(tls.soapUrl, new TestPkiSigner(pki.pharmacistCard), { clock });
      kits.push(trusting, untrusting);
      await expect(trusting.client.consult(DEMO_PRESCRIPTION_IDS[0])).resolves.toMatchObject({
        prescriptionId: DEMO_PRESCRIPTION_IDS[0],
      });
      expect((await failure(untrusting.client.consult(DEMO_PRESCRIPTION_IDS[0]))).code).toBe(
        'TELESERVICE_UNAVAILABLE',
      );
    } finally {
      await tls.close();
      rmSync(tlsDir, { recursive: true, force: true });
    }
  });

  it('validates the admin API input', async () => {
    const bad = await admin()
      .post('/sandbox/prescriptions')
      .send({ ...EXAMPLE_SEED, prescriber: { rpps: '12' } })
      .expect(400);
    expect(bad.body).toMatchObject({
      code: 'INVALID_SEED',
      detail: expect.stringContaining('prescriber.rpps'),
    });
    await admin()
      .post('/sandbox/prescriptions')
      .set('content-type', 'application/json')
      .send('{"broken')
      .expect(400);
    const id = await seed({ ...EXAMPLE_SEED, prescriptionId: 'FIXED1' });
    expect(id).toBe('FIXED1');
    await admin()
      .post('/sandbox/prescriptions')
      .send({ ...EXAMPLE_SEED, prescriptionId: 'FIXED1' })
      .expect(409);
    await admin().get('/sandbox/prescriptions/NOPE').expect(404);
    const unknownLine = { pharmacy: '990000029', lines: [{ lineId: '9', quantity: 1 }], date: '2026-11-21' };
    await admin().post('/sandbox/prescriptions/FIXED1/executions').send(unknownLine).expect(400);
    await admin().post('/sandbox/faults').send({ mode: 'explode', rate: 3 }).expect(400);
    await admin().get('/sandbox/nowhere').expect(404);
  });

  it('sent only requests, and got only answers, that the XSD accepts', () => {
    const documents = kits.flatMap((k) => [
      ...k.transport.requests.map((r) => bodyPayload(r)),
      ...k.transport.responses
        .filter((r) => r.status === 200 || /teleserviceFault/.test(r.body))
        .filter((r) => /<\/soap:Envelope>\s*$/.test(r.body))
        .map((r) => bodyPayload(r.body)),
    ]);
    expect(documents.length).toBeGreaterThan(40);
    expect(xsdErrors(documents)).toBe('');
  });

  it('resets to empty', async () => {
    await admin().post('/sandbox/reset').expect(200);
    expect((await admin().get('/sandbox/prescriptions').expect(200)).body.items).toEqual([]);
  });

  it('runs as a script and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-main-'));
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/teleservice-sandbox/main.ts'], {
      cwd: join(__dirname, '../..'),
      env: { ...process.env, COMPTOIR_SANDBOX_PORT: '0', COMPTOIR_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /SOAP (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      await request(url.replace('/eprescription', '')).get('/eprescription?wsdl').expect(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
