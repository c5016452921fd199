import { comptoir } from '../support/api-request';
import { FixedClock } from '../../src/core/clock/clock';
import type { PrescriptionSeed } from '../../src/prescription/teleservice/teleservice.types';
import { CIP, DEVICE_CODE } from '../factories/dispensation.factory';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { CounterClient } from '../support/counter-client';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { STAFF, TOKENS } from '../support/test-app';
import { appSql } from '../support/database';

jest.setTimeout(30_000);

const auth = (token = TOKENS.counter1) => ({ Authorization: `Bearer ${token}` });
const GS = '\u001d';
let serials = 0;
const gs1 = (cip13: string) => `]d2010${cip13}1730123110LOT1${GS}21A${process.pid}${++serials}`;

interface Issue {
  code: string;
  severity: string;
  details?: { reason?: string };
  overridden?: { by: string; reason: string; at: string };
}
interface Line {
  lineId: string;
  reconciliation: { status: string; issues: Issue[] };
  interventions: { actId: string; interventionCode: string }[];
  conditional?: { result: string };
  nonDelivery?: { reason: string };
  renewal?: { kind: string };
  patientRefusedGeneric?: boolean;
  packs: { packId: string; unitPriceCents?: number; reimbursementRate?: number }[];
}
const codes = (l: Line) => l.reconciliation.issues.map((i) => i.code);

const clock = new FixedClock(new Date());
const parisDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);
const TODAY = parisDay(clock.now());
const daysBefore = (n: number) => parisDay(new Date(clock.now().getTime() - n * 86_400_000));

/** One conditional amoxicilline line (TROD angine), prescribed on `createdAt`. */
const trodSeed = (createdAt: string): PrescriptionSeed => ({
  ...EXAMPLE_SEED,
  createdAt,
  lines: [{ ...EXAMPLE_SEED.lines[1], conditional: { test: 'trod-angine' } }],
});

describe('pharmacist acts and validation (sandbox over SOAP)', () => {
  let t: SandboxedApp;

  beforeAll(async () => {
    t = await startSandboxedApp({ clock });
  });

  afterAll(async () => {
    await t.close();
  });

  const api = (path: string) => `/api/v1/dispensations/${path}`;
  const scan = (data: string) =>
    comptoir(t.url).post('/api/v1/scans').set(auth()).send({ data, terminalId: 'counter-1' });
  const open = async (seed: PrescriptionSeed): Promise<string> => {
    const { qr } = await t.seed(seed);
    const res = await scan(qr);
    expect(res.body.retrieval).toEqual({ status: 'retrieved' });
    return res.body.sessionId as string;
  };
  const get = async (id: string) =>
    (await comptoir(t.url).get(api(id)).set(auth()).expect(200)).body as { lines: Line[]; issues: Issue[] };
  const act = (id: string, path: string, body: object, token = TOKENS.counter1) =>
    comptoir(t.url)
      .post(api(`${id}/${path}`))
      .set(auth(token))
      .send(body);
  const validate = (id: string) =>
    comptoir(t.url)
      .post(api(`${id}/validate`))
      .set(auth())
      .send({});
  const positive = { test: 'trod-angine', result: 'positive', performedAt: clock.now().toISOString() };
  const payloadOf = async (executionId: string) => {
    const [row] = await appSql<{ payload: string }>(
      t.app,
      `SELECT "payload" FROM "outbox_executions" WHERE "id" = ?`,
      [executionId],
    );
    return JSON.parse(row.payload) as Record<string, unknown> & { lines: Record<string, unknown>[] };
  };

  it('a substitution with intervention 3: refused, then validated once, then closed', async () => {
    const id = await open({ ...EXAMPLE_SEED, createdAt: TODAY });
    for (const c of [CIP.dolipraneGelule, CIP.dolipraneGelule, CIP.clamoxyl14, CIP.levothyrox30]) {
      expect((await scan(gs1(c))).status).toBe(201);
    }
    expect((await scan(DEVICE_CODE)).status).toBe(201);
    // A device has no BDPM price: PRICE_UNKNOWN until the LGO gives it (the execution carries it).
    const device = (await get(id)).lines[3];
    expect(codes(device)).toEqual(['PRICE_UNKNOWN']);
    await comptoir(t.url)
      .patch(api(`${id}/packs/${device.packs[0].packId}`))
      .set(auth())
      .send({ unitPriceCents: 950, reimbursementRate: 60 })
      .expect(200);
    // No TROD result on the conditional line yet.
    const refused = await validate(id).expect(409);
    expect(refused.body.code).toBe('DISPENSATION_HAS_BLOCKING_ISSUES');
    expect(refused.body.issues.map((i: Issue) => i.code)).toEqual(['CONDITION_NOT_MET']);

    await act(id, 'lines/2/conditional', positive).expect(201);
    const unknownCode = await act(id, 'lines/2/interventions', { problemCode: '6', interventionCode: '3' });
    // docs/errors.md: `details.fields` names the field; `fields` too, as the first answers had it.
    expect(unknownCode.body).toMatchObject({
      code: 'SFPC_CODE_UNKNOWN',
      details: { fields: ['problemCode'] },
      fields: ['problemCode'],
      detail: 'Code SFPC inconnu pour le code du problème',
    });
    const wrong = await act(id, 'lines/2/interventions', { problemCode: '5', interventionCode: '1' }).expect(
      201,
    );
    const wrongId = (wrong.body.lines[1] as Line).interventions[0].actId;
    await comptoir(t.url)
      .delete(api(`${id}/lines/2/interventions/${wrongId}`))
      .set(auth())
      .expect(200);
    const body = { problemCode: '5', interventionCode: '3', outcome: '1', comment: 'générique du groupe' };
    const d = (await act(id, 'lines/2/interventions', body).expect(201)).body as { lines: Line[] };
    expect(d.lines[1].interventions).toEqual([expect.objectContaining({ interventionCode: '3' })]);
    expect(d.lines[1].reconciliation).toMatchObject({ status: 'substituted', issues: [] });

    const first = await validate(id).expect(200);
    expect(first.body).toMatchObject({ sequence: 1, status: 'validated' });
    const again = await validate(id).expect(200);
    expect(again.body).toMatchObject({ executionId: first.body.executionId, sequence: 1 });

    const payload = await payloadOf(first.body.executionId);
    expect(payload).toMatchObject({
      dispensingDate: TODAY,
      renewalNumber: 0,
      pharmacist: { rpps: '10001234567', role: 'pharmacien' },
      pharmacy: { finess: '990000011', am: '991234567' },
      consentExecutionView: true,
      patientIns: EXAMPLE_SEED.patient.ins,
    });
    expect(payload.lines[1]).toEqual({
      lineId: '2',
      products: [
        expect.objectContaining({ cip13: CIP.clamoxyl14, quantity: 1, lot: 'LOT1', expiry: '2030-12-31' }),
      ],
      substitution: { substituted: true },
      interventions: [body],
      conditional: { test: 'trod-angine', result: 'positive', performedAt: positive.performedAt },
      delivery: { renewalNumber: 0, complement: false },
    });
    expect(payload.lines.map((l) => l.lineId)).toEqual(['1', '2', '3', '4']);
    expect(payload.lines[3].products).toEqual([
      expect.objectContaining({ code: DEVICE_CODE, unitPriceCents: 950, reimbursementRate: 60 }),
    ]);
    // The prescriber travels with every execution (« obligation de transmission du RPPS du prescripteur »).
    expect(payload.prescriber).toEqual({ rpps: '99900038441', am: '991118019' });

    const closed = await act(id, 'lines/1/non-delivery', { reason: 'other' }).expect(409);
    expect(closed.body.code).toBe('DISPENSATION_CLOSED');
    await comptoir(t.url)
      .post(api(`${id}/packs`))
      .set(auth())
      .send({ cip13: CIP.dolipraneGelule })
      .expect(409);
    const rows = await appSql<{ action: string }>(
      t.app,
      `SELECT "action" FROM "audit_entries" WHERE "subjectId" = ? ORDER BY "seq"`,
      [id],
    );
    expect(rows.map((r) => r.action).filter((a) => !a.startsWith('dispensation.pack.'))).toEqual([
      'dispensation.conditional.recorded',
      'dispensation.intervention.recorded',
      'dispensation.intervention.cancelled',
      'dispensation.intervention.recorded',
      'dispensation.validated',
    ]);
    expect(rows.filter((r) => r.action === 'dispensation.pack.added')).toHaveLength(5);
  });

  it('MTE line: substitution refused, overridden by a pharmacien, not by a preparateur; correspondent renewal', async () => {
    const id = await open({ ...EXAMPLE_SEED, createdAt: TODAY });
    await scan(gs1(CIP.thyrofix30));
    expect(codes((await get(id)).lines[2])).toContain('NS_SUBSTITUTION_FORBIDDEN');
    const reason = 'patient stabilisé sous ce générique, prescripteur joint';
    // The préparateur takes counter-1 with their personal code, tries the override, and hands back.
    const counter1 = new CounterClient(t.url, TOKENS.counter1, 'counter-1', 10_000);
    expect((await counter1.setOperator(STAFF.preparateur.rpps, STAFF.preparateur.code)).status).toBe(200);
    const byPreparateur = await act(id, 'issues/NS_SUBSTITUTION_FORBIDDEN/override', { lineId: '3', reason });
    expect(byPreparateur.status).toBe(403);
    expect(byPreparateur.body.code).toBe('OVERRIDE_NOT_ALLOWED');
    expect((await counter1.setOperator(STAFF.pharmacien.rpps, STAFF.pharmacien.code)).status).toBe(200);
    const notAddressed = await act(id, 'issues/LINE_NOT_ADDRESSED/override', { lineId: '1', reason });
    expect(notAddressed.status).toBe(422);
    const d = (
      await act(id, 'issues/NS_SUBSTITUTION_FORBIDDEN/override', { lineId: '3', reason }).expect(200)
    ).body as { lines: Line[] };
    expect(
      d.lines[2].reconciliation.issues.find((i) => i.code === 'NS_SUBSTITUTION_FORBIDDEN')?.overridden,
    ).toEqual({
      by: '10001234567',
      reason,
      at: clock.now().toISOString(),
    });

    const renewal = await act(id, 'lines/3/renewal', {
      kind: 'correspondent-renewal',
      comment: 'bilan transmis',
    });
    expect(renewal.status).toBe(201);
    expect((renewal.body.lines[2] as Line).renewal).toMatchObject({ kind: 'correspondent-renewal' });
    const notAuthorised = await act(id, 'lines/1/renewal', { kind: 'correspondent-renewal' }).expect(422);
    expect(notAuthorised.body.code).toBe('RENEWAL_NOT_AUTHORIZED');

    await comptoir(t.url)
      .patch(api(`${id}/lines/1`))
      .set(auth())
      .send({ patientRefusedGeneric: true })
      .expect(200);
    const nd = (await act(id, 'lines/1/non-delivery', { reason: 'out-of-stock' }).expect(201)).body as {
      lines: Line[];
    };
    expect(nd.lines[0]).toMatchObject({
      patientRefusedGeneric: true,
      nonDelivery: { reason: 'out-of-stock' },
    });
    expect(nd.lines[0].reconciliation.status).toBe('not-delivered');

    // The act routes leave a manual delivery's own DELETE route alone.
    const manual = await act(id, 'lines/4/manual-delivery', { quantity: 1 }).expect(201);
    const { deliveryId } = (manual.body.lines[3] as { manualDeliveries: { deliveryId: string }[] })
      .manualDeliveries[0];
    const removed = await comptoir(t.url)
      .delete(api(`${id}/lines/4/manual-delivery/${deliveryId}`))
      .set(auth());
    expect(removed.status).toBe(200);
    expect(removed.body.lines[3].manualDeliveries).toEqual([]);
  });

  it('TROD angine: delivered after a positive test, refused on day 8, not delivered after a negative one', async () => {
    const ok = await open(trodSeed(TODAY));
    await act(ok, 'lines/1/conditional', positive).expect(201);
    await scan(gs1(CIP.amoxBgr14));
    expect(codes((await get(ok)).lines[0])).toEqual([]);
    await validate(ok).expect(200);

    // Prescribed 7 days ago: today is day 8 of « sous 7 jours calendaires à compter de ce jour ».
    const late = await open(trodSeed(daysBefore(7)));
    await act(late, 'lines/1/conditional', positive).expect(201);
    await scan(gs1(CIP.amoxBgr14));
    const [line] = (await get(late)).lines;
    expect(line.reconciliation.issues.map((i) => i.details?.reason)).toEqual([
      'test-out-of-window',
      'prescription-lapsed',
    ]);
    expect((await validate(late).expect(409)).body.issues[0].code).toBe('CONDITION_NOT_MET');

    const negative = await open(trodSeed(TODAY));
    const d = (await act(negative, 'lines/1/conditional', { ...positive, result: 'negative' }).expect(201))
      .body as { lines: Line[] };
    expect(d.lines[0]).toMatchObject({ nonDelivery: { reason: 'condition-not-met' } });
    expect(d.lines[0].reconciliation.status).toBe('not-delivered');
    const v = await validate(negative).expect(200);
    expect((await payloadOf(v.body.executionId)).lines[0]).toMatchObject({
      products: [],
      conditional: { result: 'negative' },
      nonDelivery: { reason: 'condition-not-met' },
    });
  });

  it('BU cystite: fosfomycine trométamol (the BDPM gives it as the FT FOSFOMYCINE with its salt) is delivered after a positive strip', async () => {
    const id = await open({
      ...EXAMPLE_SEED,
      createdAt: TODAY,
      lines: [
        {
          kind: 'medication',
          product: { cis: '61334559', label: 'FOSFOMYCINE TEVA SANTE ADULTES 3 g' },
          posology: { text: '1 sachet en une prise' },
          quantity: { boxes: 1 },
          conditional: { test: 'bu-cystite' },
        },
      ],
    });
    const findings = { nitrites: 'positive', leucocytes: 'negative' };
    await act(id, 'lines/1/conditional', { ...positive, test: 'bu-cystite', findings }).expect(201);
    await scan(gs1('3400939889405'));
    expect(codes((await get(id)).lines[0])).toEqual([]);
    await validate(id).expect(200);
  });

  it('exceptional supplementary dispensation on an expired chronic prescription (R.5123-2-1)', async () => {
    // Levothyrox, 30 days + 2 renewals: a chronic line whose treatment ended 5 days ago (day 90 of 95: the
    // date plus the prescribed durations, not the record's 12-month expiry).
    const id = await open({ ...EXAMPLE_SEED, createdAt: daysBefore(95), lines: [EXAMPLE_SEED.lines[2]] });
    const tooLong = await act(id, 'lines/1/renewal', { kind: 'exceptional-dispensation', durationDays: 60 });
    expect([tooLong.status, tooLong.body.code]).toEqual([422, 'EXCEPTIONAL_DURATION_EXCEEDED']);
    await act(id, 'lines/1/renewal', { kind: 'exceptional-dispensation', durationDays: 30 }).expect(201);
    expect((await scan(gs1(CIP.levothyrox30))).status).toBe(201);
    const d = await get(id);
    expect(d.lines[0].renewal).toMatchObject({ kind: 'exceptional-dispensation' });
    const res = await validate(id);
    if (res.status === 409) {
      // What still blocks is shown to the pharmacist; an expired-prescription issue is the rule R.5123-2-1 lifts.
      expect(res.body.issues.map((i: Issue) => i.code)).toEqual([]);
    }
    expect(res.status).toBe(200);
    const payload = await payloadOf(res.body.executionId);
    expect(JSON.stringify(payload)).toContain('dispensation supplémentaire exceptionnelle');
  });
});

describe('favourite interventions of the pharmacy', () => {
  it('are added, listed for every terminal, checked against the SFPC codes, and removed', async () => {
    const t = await startSandboxedApp();
    try {
      const c1 = { Authorization: `Bearer ${TOKENS.counter1}` };
      const c2 = { Authorization: `Bearer ${TOKENS.counter2}` };
      const added = await comptoir(t.url)
        .post('/api/v1/intervention-favourites')
        .set(c1)
        .send({ label: 'Générique accepté', problemCode: '6.1', interventionCode: '3' });
      expect(added.status).toBe(201);
      const list = await comptoir(t.url).get('/api/v1/intervention-favourites').set(c2);
      expect(list.body.items).toEqual([
        expect.objectContaining({ label: 'Générique accepté', problemCode: '6.1', interventionCode: '3' }),
      ]);
      const bad = await comptoir(t.url)
        .post('/api/v1/intervention-favourites')
        .set(c1)
        .send({ label: 'x', problemCode: '99', interventionCode: '3' });
      expect([bad.status, bad.body.code]).toEqual([422, 'SFPC_CODE_UNKNOWN']);
      await comptoir(t.url)
        .delete(`/api/v1/intervention-favourites/${added.body.favouriteId}`)
        .set(c1)
        .expect(204);
      expect((await comptoir(t.url).get('/api/v1/intervention-favourites').set(c1)).body.items).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
