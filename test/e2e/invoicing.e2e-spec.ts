import request from 'supertest';
import { comptoir } from '../support/api-request';
import { until } from '../support/until';
import type { PrescriptionSeed } from '../../src/prescription/teleservice/teleservice.types';
import { CIP } from '../factories/dispensation.factory';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { CounterClient } from '../support/counter-client';
import { STAFF, TOKENS } from '../support/test-app';

jest.setTimeout(60_000);

const GS = '\x1d';
let serials = 0;
const gs1 = (cip13: string) => `]d2010${cip13}1730123110LOT1${GS}21INV${process.pid}${++serials}`;
const auth = (token = TOKENS.counter1) => ({ Authorization: `Bearer ${token}` });
// One paracétamol line of 2 boxes: two Doliprane 1000 mg gélule boxes match it.
const seed = (): PrescriptionSeed => ({
  ...EXAMPLE_SEED,
  createdAt: new Date().toISOString().slice(0, 10),
  lines: [EXAMPLE_SEED.lines[0]],
});
const fse = (n: string) => ({ fseNumber: n, invoicedAt: new Date().toISOString(), amountCents: 216 });

describe('the invoicing gate and the post-invoice update (sandbox over SOAP)', () => {
  let t: SandboxedApp;

  beforeAll(async () => {
    t = await startSandboxedApp();
  });

  afterAll(async () => {
    await t.close();
  });

  afterEach(async () => {
    await t.faults({ mode: 'none', rate: 0 });
  });

  const validated = async (beforeValidate?: () => Promise<void>) => {
    const { qr, prescriptionId } = await t.seed(seed());
    const opened = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .send({ data: qr, terminalId: 'counter-1' });
    const id = opened.body.sessionId as string;
    for (let i = 0; i < 2; i++) {
      await comptoir(t.url)
        .post('/api/v1/scans')
        .set(auth())
        .send({ data: gs1(CIP.dolipraneGelule), terminalId: 'counter-1' })
        .expect(201);
    }
    await beforeValidate?.();
    const v = await comptoir(t.url).post(`/api/v1/dispensations/${id}/validate`).set(auth()).send({});
    expect(v.status).toBe(200);
    return { id, prescriptionId, executionId: v.body.executionId as string };
  };
  const statusOf = async (id: string, token = TOKENS.counter1) =>
    (await comptoir(t.url).get(`/api/v1/dispensations/${id}`).set(auth(token))).body.status as string;
  const ledger = async (prescriptionId: string) =>
    (await request(t.sandbox.url).get(`/sandbox/prescriptions/${prescriptionId}`)).body.ledger as {
      sequence: number;
      kind: string;
      accepted: boolean;
    }[];

  it('invoice after the acknowledgement; the post-invoice update follows in order', async () => {
    const { id, prescriptionId } = await validated();
    await until(async () => (await statusOf(id)) === 'acknowledged', 15_000);
    const inv = await comptoir(t.url)
      .post(`/api/v1/dispensations/${id}/invoice`)
      .set(auth())
      .send(fse('FSE0001'));
    expect(inv.status).toBe(202);
    expect(inv.body).toMatchObject({ dispensationId: id, status: 'invoiced', postInvoice: { sequence: 2 } });
    expect(await statusOf(id)).toBe('invoiced');
    await until(async () => (await ledger(prescriptionId)).filter((l) => l.accepted).length === 2, 15_000);
    expect((await ledger(prescriptionId)).filter((l) => l.accepted).map((l) => [l.sequence, l.kind])).toEqual(
      [
        [1, 'execution'],
        [2, 'post-invoice'],
      ],
    );
    const again = await comptoir(t.url)
      .post(`/api/v1/dispensations/${id}/invoice`)
      .set(auth())
      .send(fse('FSE0001'));
    expect([again.status, again.body.invoiceId]).toEqual([202, inv.body.invoiceId]);
    const other = await comptoir(t.url)
      .post(`/api/v1/dispensations/${id}/invoice`)
      .set(auth())
      .send(fse('FSE0002'));
    expect([other.status, other.body.code]).toEqual([409, 'ALREADY_INVOICED']);
  });

  it('two terminals validating the same prescription at once: one execution, one sequence, delivered once', async () => {
    const { qr, prescriptionId } = await t.seed(seed());
    const opened = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .send({ data: qr, terminalId: 'counter-1' });
    const id = opened.body.sessionId as string;
    for (let i = 0; i < 2; i++) {
      await comptoir(t.url)
        .post('/api/v1/scans')
        .set(auth())
        .send({ data: gs1(CIP.dolipraneGelule), terminalId: 'counter-1' });
    }
    // Counter-2 resumes the same prescription: API.md has one open dispensation per prescription.
    const resumed = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth(TOKENS.counter2))
      .send({ data: qr, terminalId: 'counter-2' });
    expect(resumed.body.sessionId).toBe(id);
    // Counter-2 holds it now: counter-1 may no longer act on it, the LGO still may, for any terminal.
    const stale = await comptoir(t.url).post(`/api/v1/dispensations/${id}/validate`).set(auth()).send({});
    expect([stale.status, stale.body.code]).toEqual([403, 'TERMINAL_MISMATCH']);
    const [a, b] = await Promise.all([
      comptoir(t.url).post(`/api/v1/dispensations/${id}/validate`).set(auth(TOKENS.lgo)).send({}),
      comptoir(t.url).post(`/api/v1/dispensations/${id}/validate`).set(auth(TOKENS.counter2)).send({}),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body.executionId).toBe(a.body.executionId);
    expect(a.body.sequence).toBe(1);
    await until(async () => (await statusOf(id, TOKENS.counter2)) === 'acknowledged', 15_000);
    expect((await ledger(prescriptionId)).map((l) => [l.sequence, l.kind, l.accepted])).toEqual([
      [1, 'execution', true],
    ]);
  });

  it('before the acknowledgement: 409, a préparateur cannot override, a pharmacien can; order still holds', async () => {
    // The teleservice fails every call from the moment the dispensation is validated.
    const { id, prescriptionId } = await validated(() => t.faults({ mode: 'http500', rate: 1 }));
    const refused = await comptoir(t.url)
      .post(`/api/v1/dispensations/${id}/invoice`)
      .set(auth())
      .send(fse('FSE0101'));
    expect([refused.status, refused.body.code]).toEqual([409, 'EXECUTION_NOT_ACKNOWLEDGED']);
    // The LGO puts the préparateur at counter-1 (no code from the LGO), then the pharmacien back.
    const lgo = new CounterClient(t.url, TOKENS.lgo, 'counter-1', 10_000);
    expect((await lgo.setOperator(STAFF.preparateur.rpps)).status).toBe(200);
    const prep = await comptoir(t.url)
      .post(`/api/v1/dispensations/${id}/invoice`)
      .set(auth())
      .send({ ...fse('FSE0101'), override: { reason: 'Téléservice en panne' } });
    expect([prep.status, prep.body.code]).toEqual([403, 'INVOICE_OVERRIDE_NOT_ALLOWED']);
    expect((await lgo.setOperator(STAFF.pharmacien.rpps)).status).toBe(200);
    const over = await comptoir(t.url)
      .post(`/api/v1/dispensations/${id}/invoice`)
      .set(auth())
      .send({ ...fse('FSE0101'), override: { reason: 'Téléservice en panne' } });
    expect(over.status).toBe(202);
    await t.faults({ mode: 'none', rate: 0 });
    await until(async () => (await ledger(prescriptionId)).filter((l) => l.accepted).length === 2, 40_000);
    expect((await ledger(prescriptionId)).filter((l) => l.accepted).map((l) => l.kind)).toEqual([
      'execution',
      'post-invoice',
    ]);
  });
});
