import request from 'supertest';
import { comptoir } from '../support/api-request';
import { localDate } from '../../src/core/clock/calendar';
import { TeleservicePort } from '../../src/prescription/teleservice/teleservice.port';
import { CIP } from '../factories/dispensation.factory';
import {
  bearer,
  dispensationStatus,
  dispenseAndValidate,
  dispenseToInvoiced,
  gs1Pack,
  paracetamolSeed,
} from '../support/dispense-flow';
import { executionPayload } from '../support/outbox-ledger';
import { QUICK_RETRIES, SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';

jest.setTimeout(90_000);

describe('back office: dashboard', () => {
  let t: SandboxedApp;
  const bo = bearer(TOKENS.backoffice);
  const api = () => comptoir(t.url);
  const dashboard = (query = '') => api().get(`/api/v1/dashboard${query}`).set(bo);
  const today = () => localDate(new Date(), 'Europe/Paris');
  const ids: Record<string, string> = {};

  /** Seed → scan the QR on counter-1 → packs, stopping before validation. */
  const openWithPacks = async () => {
    const { qr, prescriptionId } = await t.seed(paracetamolSeed());
    const opened = await api()
      .post('/api/v1/scans')
      .set(bearer())
      .send({ data: qr, terminalId: 'counter-1' })
      .expect(201);
    for (const pack of [gs1Pack(CIP.dolipraneGelule), gs1Pack(CIP.dolipraneGelule)]) {
      await api()
        .post('/api/v1/scans')
        .set(bearer())
        .send({ data: pack, terminalId: 'counter-1' })
        .expect(201);
    }
    return { prescriptionId, dispensationId: opened.body.sessionId as string };
  };
  const validate = (dispensationId: string) =>
    api().post(`/api/v1/dispensations/${dispensationId}/validate`).set(bearer()).send({}).expect(200);

  beforeAll(async () => {
    t = await startSandboxedApp({ overrides: QUICK_RETRIES });

    // retrieved only, with a delivery by another pharmacy
    const retrieved = (await t.seed(paracetamolSeed())).prescriptionId;
    await request(t.sandbox.url)
      .post(`/sandbox/prescriptions/${retrieved}/executions`)
      .send({ pharmacy: { finess: '750000001' }, lines: [{ lineId: '1', quantity: 1 }], date: today() })
      .expect(201);
    await api().post(`/api/v1/prescriptions/${retrieved}/retrieve`).set(bearer()).expect(200);
    ids.retrieved = retrieved;

    // in dispensation, on counter-2
    const open = await t.seed(paracetamolSeed());
    await api()
      .post('/api/v1/scans')
      .set(bearer(TOKENS.counter2))
      .send({ data: open.qr, terminalId: 'counter-2' })
      .expect(201);
    ids['in-dispensation'] = open.prescriptionId;

    // acknowledged, invoiced, rejected
    const acked = await dispenseAndValidate(t);
    await until(async () => (await dispensationStatus(t, acked.dispensationId)) === 'acknowledged', 15_000);
    ids.acknowledged = acked.prescriptionId;
    ids.invoiced = (await dispenseToInvoiced(t, { fseNumber: 'FSE-DASH-1' })).prescriptionId;
    const rejected = await dispenseToInvoiced(t, { fseNumber: 'FSE-DASH-2' });
    const rejection = await api()
      .post('/api/v1/invoice-rejections')
      .set(bo)
      .send({
        fseNumber: 'FSE-DASH-2',
        rejectionCode: 'R-1',
        label: 'TAUX ERRONE',
        receivedAt: new Date().toISOString(),
      })
      .expect(201);
    ids.rejected = rejected.prescriptionId;
    ids.rejectionId = rejection.body.rejectionId;

    // parked: the teleservice already holds our sequence 1 with another payload
    const parked = await openWithPacks();
    const elsewhere = executionPayload('elsewhere');
    elsewhere.lines = elsewhere.lines.filter((l) => l.lineId === '1');
    await t.app.get(TeleservicePort).recordExecution(parked.prescriptionId, 1, elsewhere);
    const v = await validate(parked.dispensationId);
    await until(
      async () =>
        (await api().get(`/api/v1/executions/${v.body.executionId}`).set(bo)).body.status === 'parked',
      15_000,
    );
    ids.parked = parked.prescriptionId;

    // validated: the teleservice fails every call, so the execution stays queued
    const validated = await openWithPacks();
    await t.faults({ mode: 'http500', rate: 1 });
    await validate(validated.dispensationId);
    ids.validated = validated.prescriptionId;
  });
  afterAll(async () => t?.close());

  it('counts every prescription of the range under one status, with its links', async () => {
    const res = await dashboard().expect(200);
    expect(res.body.counts).toEqual({
      retrieved: 1,
      'in-dispensation': 1,
      validated: 1,
      acknowledged: 1,
      invoiced: 1,
      rejected: 1,
      parked: 1,
    });
    const byId = new Map(res.body.items.map((i: { prescriptionId: string }) => [i.prescriptionId, i]));
    for (const status of [
      'retrieved',
      'in-dispensation',
      'validated',
      'acknowledged',
      'invoiced',
      'rejected',
      'parked',
    ]) {
      expect(byId.get(ids[status])).toMatchObject({ status });
    }
    expect(byId.get(ids.retrieved)).toMatchObject({ executionsElsewhere: 1 });
    expect(byId.get(ids.retrieved)).not.toHaveProperty('dispensationId');
    expect(byId.get(ids['in-dispensation'])).toMatchObject({
      terminalId: 'counter-2',
      renewalNumber: 0,
      dispensationId: expect.any(String),
      executionsElsewhere: 0,
    });
    expect(byId.get(ids.rejected)).toMatchObject({ rejectionId: ids.rejectionId });
    expect(res.body.deliveredElsewhere).toBe(1);
    expect(res.body.backlog).toMatchObject({ parked: 1, oldestQueuedAt: expect.any(String) });
    expect(res.body.backlog.queued + res.body.backlog.sending).toBeGreaterThanOrEqual(1);
    const updated = res.body.items.map((i: { updatedAt: string }) => i.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());

    expect(res.body.series).toHaveLength(30);
    // The chart counts what the counters count: each prescription on the day of its last activity.
    expect(res.body.series[29]).toEqual({ date: today(), ...res.body.counts });
    const sums = Object.fromEntries(
      Object.keys(res.body.counts).map((k) => [
        k,
        res.body.series.reduce((n: number, d: Record<string, number>) => n + d[k], 0),
      ]),
    );
    expect(sums).toEqual(res.body.counts);
  });

  it('filters items by status, not the counts; an empty range counts nothing', async () => {
    const parked = await dashboard('?status=parked').expect(200);
    expect(parked.body.items.map((i: { prescriptionId: string }) => i.prescriptionId)).toEqual([ids.parked]);
    expect(parked.body.counts.retrieved).toBe(1);
    const old = await dashboard('?from=2020-01-01&to=2020-01-31').expect(200);
    expect(old.body).toMatchObject({
      from: '2020-01-01',
      to: '2020-01-31',
      items: [],
      deliveredElsewhere: 0,
    });
    expect(Object.values(old.body.counts)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(old.body.series).toHaveLength(31);
    const day = await dashboard(`?from=${today()}&to=${today()}&status=rejected`).expect(200);
    expect(day.body.items).toEqual([expect.objectContaining({ prescriptionId: ids.rejected })]);
    expect(day.body.series).toHaveLength(1);
  });

  it('exports the list as CSV for a French spreadsheet: same query, every item, statuses in words', async () => {
    const json = await dashboard('?status=rejected').expect(200);
    const res = await api().get('/api/v1/dashboard/items.csv?status=rejected').set(bo).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="comptoir-ordonnances-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const [header, ...rows] = res.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header).toBe(
      'N° ordonnance;Statut;Code statut;Mise à jour;Poste;Renouvellement;Délivrances ailleurs;Délivrance;Rejet',
    );
    expect(rows.map((r) => r.split(';').slice(0, 3))).toEqual(
      json.body.items.map((i: { prescriptionId: string }) => [i.prescriptionId, 'Rejetée', 'rejected']),
    );
    expect(rows[0].split(';')[3]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await api().get('/api/v1/dashboard/items.csv').set(bearer()).expect(403);
  });

  it('refuses a bad query with 400 VALIDATION_FAILED, and a counter token with 403', async () => {
    for (const q of [
      '?from=2026-13-01',
      '?to=yesterday',
      '?status=lost',
      '?from=2026-11-30&to=2026-11-01',
      '?from=2020-01-01&to=2026-01-01',
    ]) {
      const res = await dashboard(q);
      expect([q, res.status, res.body.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
    expect((await api().get('/api/v1/dashboard').set(bearer()).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('moves a prescription on when its state changes (validated → acknowledged once the teleservice answers)', async () => {
    await t.faults({ mode: 'none', rate: 0 });
    await until(async () => (await dashboard('?status=validated')).body.items.length === 0, 15_000);
    const res = await dashboard().expect(200);
    expect(res.body.counts).toMatchObject({ validated: 0, acknowledged: 2 });
  });
});
