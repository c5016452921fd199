import request from 'supertest';
import { addDays, localDate } from '../../src/core/clock/calendar';
import { SCENARIO_NAMES } from '../../src/teleservice-sandbox/sandbox.scenarios';
import { CIP } from '../factories/dispensation.factory';
import type { CounterClient } from '../support/counter-client';
import { counterOf, executionRecord, gs1Pack, ledgerOf } from '../support/dispense-flow';
import { QUICK_RETRIES, SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { until } from '../support/until';

// API.md § Teleservice sandbox: `POST /sandbox/scenarios/:name` sets up each hard case in one call. Each
// scenario is driven here through the typed client, as a vendor's own test would: the case its name says is
// what the counter shows, and where it can be dispensed, it goes to the invoice.

jest.setTimeout(60_000);

interface Issue {
  code: string;
  severity: string;
  details?: Record<string, unknown>;
}
interface Line {
  lineId: string;
  prescribed: { deliveredElsewhere: { pharmacy: Record<string, unknown>; date: string; quantity: number }[] };
  reconciliation: { status: string; expectedBoxes: number | null; issues: Issue[] };
  packs: { packId: string }[];
}
interface View {
  status: string;
  lines: Line[];
  issues: Issue[];
}
interface Scenario {
  scenario: string;
  prescriptions: { prescriptionId: string; qr: string; qrPng: string; note: string }[];
}

// The real clock: the outbox's retries wait for it to move.
const TODAY = localDate(new Date(), 'Europe/Paris');
const daysAgo = (n: number) => addDays(TODAY, -n);
const codes = (l: Line) => l.reconciliation.issues.map((i) => i.code);
const blocking = (l: Line) =>
  l.reconciliation.issues.filter((i) => i.severity === 'blocking').map((i) => i.code);

describe('sandbox scenarios (POST /sandbox/scenarios/:name), each driven at the counter', () => {
  let t: SandboxedApp;
  let counter: CounterClient;

  beforeAll(async () => {
    t = await startSandboxedApp({ overrides: QUICK_RETRIES });
    counter = counterOf(t);
  });

  afterAll(async () => {
    await t.close();
  });

  afterEach(async () => {
    await t.faults({ mode: 'none' });
  });

  const scenario = async (name: string): Promise<Scenario['prescriptions'][number]> => {
    const res = await request(t.sandbox.url).post(`/sandbox/scenarios/${name}`);
    expect(res.status).toBe(201);
    const body = res.body as Scenario;
    expect(body.scenario).toBe(name);
    expect(body.prescriptions).toHaveLength(1);
    return body.prescriptions[0];
  };
  /** The scenario set up, its QR scanned on counter-1: the open dispensation. */
  const opened = async (name: string) => {
    const p = await scenario(name);
    return { ...p, id: await counter.open(p.qr) };
  };
  const view = async (id: string) => (await counter.dispensation(id)) as unknown as View;
  const pack = async (id: string, body: Record<string, unknown>) =>
    (await counter.addPack(id, body)) as unknown as View;
  const scan = (id: string, cip13: string) => pack(id, { scan: gs1Pack(cip13) });
  const validated = async (id: string) => {
    const v = await counter.validateOnce(id);
    expect([v.status, JSON.stringify(v.body.issues ?? [])]).toEqual([200, '[]']);
    return v.body.executionId as string;
  };
  const executionStatus = async (executionId: string) =>
    (await counter.call('GET', `/api/v1/executions/${executionId}`)).body.status as string;
  /** Validation, the teleservice's acknowledgement, then the LGO's invoice: the end of every dispensable case. */
  const toInvoice = async (id: string, fseNumber: string) => {
    const executionId = await validated(id);
    await until(async () => (await executionStatus(executionId)) === 'acknowledged', 15_000);
    const invoice = await counter.call('POST', `/api/v1/dispensations/${id}/invoice`, {
      fseNumber,
      invoicedAt: new Date().toISOString(),
    });
    expect([invoice.status, invoice.body.status]).toEqual([202, 'invoiced']);
    return executionId;
  };

  it("answers API.md's shape for every name: the QR, its PNG and what to do", async () => {
    for (const name of SCENARIO_NAMES) {
      const p = await scenario(name);
      expect(p.prescriptionId).toMatch(/^\d{18}$/);
      expect(p.qr).toContain(p.prescriptionId);
      expect(Buffer.from(p.qrPng, 'base64').subarray(1, 4).toString()).toBe('PNG');
      expect(p.note.length).toBeGreaterThan(20);
      const seeded = await request(t.sandbox.url).get(`/sandbox/prescriptions/${p.prescriptionId}`);
      expect([seeded.status, seeded.body.qr]).toEqual([200, p.qr]);
    }
  });

  it('refuses an unknown name with a stable code', async () => {
    const unknown = await request(t.sandbox.url).post('/sandbox/scenarios/rupture');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'SCENARIO_UNKNOWN']);
    expect(unknown.body.detail).toContain('delivered-elsewhere');
  });

  it('delivered-elsewhere: the scan shows the other pharmacy’s box; one more is due, a second is too many', async () => {
    const { id } = await opened('delivered-elsewhere');
    let [line] = (await view(id)).lines;
    expect(line.prescribed.deliveredElsewhere).toEqual([
      { pharmacy: expect.objectContaining({ finess: '990000029' }), date: daysAgo(1), quantity: 1 },
    ]);
    await scan(id, CIP.dolipraneGelule);
    [line] = (await scan(id, CIP.dolipraneGelule)).lines;
    expect(blocking(line)).toContain('QUANTITY_EXCEEDS_PRESCRIPTION');
    await counter.call('DELETE', `/api/v1/dispensations/${id}/packs/${line.packs[1].packId}`);
    [line] = (await view(id)).lines;
    expect([line.reconciliation.status, line.reconciliation.expectedBoxes, codes(line)]).toEqual([
      'matched',
      1,
      [],
    ]);
    const executionId = await toInvoice(id, 'FSE-SCN-ELSEWHERE');
    // Acknowledged: its report for the complementary insurers, as JSON and as a PDF.
    const report = await counter.client.GET('/api/v1/executions/{id}/report', {
      params: { path: { id: executionId } },
    });
    expect(report.data).toMatchObject({ reportId: executionId, executionSequence: 1 });
    expect(report.data!.lines[0].products).toHaveLength(1);
    const pdf = await counter.client.GET('/api/v1/executions/{id}/report.pdf', {
      params: { path: { id: executionId } },
      parseAs: 'arrayBuffer',
    });
    expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(pdf.data as ArrayBuffer)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // The terminal's dispensations, this one among them.
    const list = await counter.client.GET('/api/v1/dispensations', {});
    expect(list.data!.items.map((d) => d.id)).toContain(id);
  });

  it('expired: the scan opens the dispensation with PRESCRIPTION_EXPIRED, and validation refuses it', async () => {
    const { id } = await opened('expired');
    const [line] = (await scan(id, CIP.dolipraneGelule)).lines;
    expect(line.reconciliation.issues).toContainEqual(
      expect.objectContaining({ code: 'PRESCRIPTION_EXPIRED', severity: 'blocking' }),
    );
    const refused = await counter.validateOnce(id);
    expect([refused.status, (refused.body.issues as Issue[]).map((i) => i.code)]).toEqual([
      409,
      ['PRESCRIPTION_EXPIRED'],
    ]);
  });

  it('cancelled: PRESCRIPTION_CANCELLED from the scan with the delivery made elsewhere; refused, then abandoned', async () => {
    const { id, prescriptionId } = await opened('cancelled');
    const prescription = await counter.call('GET', `/api/v1/prescriptions/${prescriptionId}`);
    expect(prescription.body.status).toBe('cancelled');
    let [line] = (await view(id)).lines;
    expect(line.reconciliation.issues).toEqual([
      expect.objectContaining({
        code: 'PRESCRIPTION_CANCELLED',
        severity: 'blocking',
        details: expect.objectContaining({ deliveries: [`${daysAgo(1)}|1|Pharmacie voisine`] }),
      }),
    ]);
    [line] = (await scan(id, CIP.dolipraneGelule)).lines;
    expect(blocking(line)).toEqual(['PRESCRIPTION_CANCELLED']);
    const refused = await counter.validateOnce(id);
    expect([refused.status, (refused.body.issues as Issue[]).map((i) => i.code)]).toEqual([
      409,
      ['PRESCRIPTION_CANCELLED'],
    ]);
    const abandoned = await counter.act(id, 'abandon', { reason: 'Le patient est reparti' });
    expect([abandoned.status, abandoned.body.status]).toEqual([200, 'abandoned']);
  });

  it('narcotic-late: NARCOTIC_PRESENTATION_LATE, 22 days left: 3 boxes and 2 units of a cut one', async () => {
    const { id } = await opened('narcotic-late');
    for (let i = 0; i < 2; i++) await scan(id, CIP.skenan30x14);
    const [line] = (await scan(id, CIP.skenan30x14)).lines;
    expect(line.reconciliation.issues[0]).toMatchObject({
      code: 'NARCOTIC_PRESENTATION_LATE',
      details: { deliverableDays: 22, deliverableUnits: 44 },
    });
    await pack(id, { cip13: CIP.skenan30x14, units: 2 });
    const executionId = await toInvoice(id, 'FSE-SCN-NARCOTIC');
    const record = await executionRecord(t, executionId);
    expect(record.lines[0].products.map((p) => p.units)).toEqual([undefined, undefined, undefined, 2]);
  });

  it('trod-angine: CONDITION_NOT_MET until a positive TROD is recorded', async () => {
    const { id } = await opened('trod-angine');
    let [line] = (await scan(id, CIP.amoxBgr14)).lines;
    expect(blocking(line)).toEqual(['CONDITION_NOT_MET']);
    const act = await counter.act(id, 'lines/1/conditional', {
      test: 'trod-angine',
      result: 'positive',
      performedAt: new Date().toISOString(),
    });
    expect(act.status).toBe(201);
    [line] = (await view(id)).lines;
    expect(codes(line)).toEqual([]);
    await toInvoice(id, 'FSE-SCN-TROD');
  });

  it('bu-cystite: CONDITION_NOT_MET until a BU with its findings is recorded', async () => {
    const { id } = await opened('bu-cystite');
    let [line] = (await scan(id, CIP.fosfomycine)).lines;
    expect(blocking(line)).toEqual(['CONDITION_NOT_MET']);
    const act = await counter.act(id, 'lines/1/conditional', {
      test: 'bu-cystite',
      result: 'positive',
      performedAt: new Date().toISOString(),
      findings: { nitrites: 'positive', leucocytes: 'positive' },
    });
    expect(act.status).toBe(201);
    [line] = (await view(id)).lines;
    expect(codes(line)).toEqual([]);
    const record = await executionRecord(t, await toInvoice(id, 'FSE-SCN-BU'));
    expect(record.lines[0].conditional).toMatchObject({ test: 'bu-cystite', result: 'positive' });
  });

  it('correspondent-renewal: the line authorises it, the act is accepted and the execution carries it', async () => {
    const { id } = await opened('correspondent-renewal');
    const act = await counter.act(id, 'lines/1/renewal', { kind: 'correspondent-renewal' });
    expect(act.status).toBe(201);
    const [line] = (await scan(id, CIP.levothyrox30)).lines;
    expect(codes(line)).toEqual([]);
    const record = await executionRecord(t, await toInvoice(id, 'FSE-SCN-CORRESPONDENT'));
    expect(record.lines[0].renewal).toMatchObject({ kind: 'correspondent-renewal' });
  });

  it('exceptional-dispensation: delivered in full elsewhere and ended 5 days ago; the act opens one more month', async () => {
    const { id, prescriptionId } = await opened('exceptional-dispensation');
    let [line] = (await view(id)).lines;
    expect(line.prescribed.deliveredElsewhere.map((d) => d.date)).toEqual([
      daysAgo(95),
      daysAgo(65),
      daysAgo(35),
    ]);
    [line] = (await scan(id, CIP.levothyrox30)).lines;
    expect(blocking(line)).toEqual(['PRESCRIPTION_FULLY_EXECUTED', 'QUANTITY_EXCEEDS_PRESCRIPTION']);
    const act = await counter.act(id, 'lines/1/renewal', {
      kind: 'exceptional-dispensation',
      durationDays: 30,
    });
    expect(act.status).toBe(201);
    [line] = (await view(id)).lines;
    expect([line.reconciliation.status, codes(line)]).toEqual(['matched', []]);
    const record = await executionRecord(t, await toInvoice(id, 'FSE-SCN-EXCEPTIONAL'));
    expect(record.lines[0].renewal).toMatchObject({ kind: 'exceptional-dispensation' });
    // The teleservice accepts the supplementary execution beyond the prescribed deliveries.
    expect((await ledgerOf(t, prescriptionId)).map((e) => [e.accepted, e.error])).toContainEqual([
      true,
      undefined,
    ]);
  });

  it('mte: another levothyroxine is NS_SUBSTITUTION_FORBIDDEN; the prescribed LEVOTHYROX matches', async () => {
    const { id } = await opened('mte');
    let [line] = (await pack(id, { scan: gs1Pack(CIP.thyrofix30), lineId: '1' })).lines;
    expect(blocking(line)).toContain('NS_SUBSTITUTION_FORBIDDEN');
    await counter.call('DELETE', `/api/v1/dispensations/${id}/packs/${line.packs[0].packId}`);
    [line] = (await scan(id, CIP.levothyrox30)).lines;
    expect([line.reconciliation.status, codes(line)]).toEqual(['matched', []]);
    await toInvoice(id, 'FSE-SCN-MTE');
  });

  it('generic-refusal: the princeps delivered, the patient’s refusal of the generic on the execution', async () => {
    const { id } = await opened('generic-refusal');
    const flagged = await counter.call('PATCH', `/api/v1/dispensations/${id}/lines/1`, {
      patientRefusedGeneric: true,
    });
    expect(flagged.status).toBe(200);
    const [line] = (await scan(id, CIP.clamoxyl14)).lines;
    expect([line.reconciliation.status, codes(line)]).toEqual(['matched', []]);
    const record = await executionRecord(t, await toInvoice(id, 'FSE-SCN-GENERIC'));
    expect(record.lines[0].substitution).toMatchObject({ patientRefusedGeneric: true });
  });

  it('outage-during-validation: validated while the teleservice fails, queued, acknowledged once it is back', async () => {
    const { id, prescriptionId } = await opened('outage-during-validation');
    await scan(id, CIP.dolipraneGelule);
    await t.faults({ mode: 'http500', rate: 1 });
    const executionId = await validated(id);
    // The outbox's calls meanwhile reach the teleservice and fail: the execution stays queued, never lost.
    await until(async () => (await ledgerOf(t, prescriptionId)).some((e) => e.fault === 'http500'), 15_000);
    expect(await executionStatus(executionId)).not.toBe('acknowledged');
    await t.faults({ mode: 'none' });
    await until(async () => (await executionStatus(executionId)) === 'acknowledged', 15_000);
    const ledger = await ledgerOf(t, prescriptionId);
    expect(ledger.filter((e) => e.accepted).map((e) => e.sequence)).toEqual([1]);
    expect(ledger.filter((e) => !e.accepted).every((e) => e.fault === 'http500')).toBe(true);
    const invoice = await counter.call('POST', `/api/v1/dispensations/${id}/invoice`, {
      fseNumber: 'FSE-SCN-OUTAGE',
      invoicedAt: new Date().toISOString(),
    });
    expect(invoice.status).toBe(202);
  });
});
