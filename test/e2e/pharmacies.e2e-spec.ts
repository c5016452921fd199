import { comptoir } from '../support/api-request';
import { gs1Pack, ledgerOf, paracetamolSeed } from '../support/dispense-flow';
import { CIP } from '../factories/dispensation.factory';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { SseClient } from '../support/sse';
import { until } from '../support/until';

/**
 * Issue 17 § Many pharmacies (API.md § Running: « a credential never reads or changes another pharmacy's
 * data (404) »): one deployment serving two pharmacies, each with its terminals, staff and tokens. Every
 * resource of pharmacy A is, for each of B's credentials (counter, lgo, back office), exactly what a
 * resource that does not exist is; lists, the dashboard and its export, the audit chain and the event
 * stream hold only B's; and both dispense the same national prescription, each numbering its calls from 1.
 */
const PHARMACIEN = { lastName: 'TEST', firstName: 'PHARMACIEN', role: 'pharmacien', code: '000000' };
const A = {
  counter: 'north-counter-token',
  backoffice: 'north-backoffice-token',
  lgo: 'north-lgo-token',
  finess: '990000011',
};
const B = {
  counter: 'south-counter-token',
  backoffice: 'south-backoffice-token',
  lgo: 'south-lgo-token',
  finess: '990000029',
};

const PHARMACIES = {
  // No `pharmacy:` block, no top-level terminals or staff: each pharmacy lists its own.
  pharmacy: undefined,
  terminals: [],
  staff: [],
  pharmacies: [
    {
      id: 'north',
      finess: A.finess,
      am: '991234567',
      name: 'Pharmacie du Nord',
      terminals: [{ id: 'north-1', operator: '10001234567' }, { id: 'north-bo' }],
      staff: [{ rpps: '10001234567', ...PHARMACIEN }],
    },
    {
      id: 'south',
      finess: B.finess,
      am: '992345678',
      name: 'Pharmacie du Sud',
      timeZone: 'America/Martinique',
      terminals: [{ id: 'south-1', operator: '10009876543' }, { id: 'south-bo' }],
      staff: [{ rpps: '10009876543', ...PHARMACIEN }],
    },
  ],
  auth: {
    tokens: [
      { pharmacy: 'north', terminal: 'north-1', role: 'counter', token: A.counter },
      { pharmacy: 'north', terminal: 'north-bo', role: 'back-office', token: A.backoffice },
      { pharmacy: 'north', terminal: '*', role: 'lgo', token: A.lgo },
      { pharmacy: 'south', terminal: 'south-1', role: 'counter', token: B.counter },
      { pharmacy: 'south', terminal: 'south-bo', role: 'back-office', token: B.backoffice },
      { pharmacy: 'south', terminal: '*', role: 'lgo', token: B.lgo },
    ],
  },
  execution: { pollMs: 20 },
};

describe('two pharmacies on one deployment', () => {
  let t: SandboxedApp;
  const api = () => comptoir(t.url);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** Scans the QR then one Doliprane box on the terminal, validates: the dispensation and its execution. */
  async function dispense(qr: string, token: string, terminalId: string) {
    const opened = await api()
      .post('/api/v1/scans')
      .set(as(token))
      .send({ data: qr, terminalId })
      .expect(201);
    const dispensationId = opened.body.sessionId as string;
    await api()
      .post('/api/v1/scans')
      .set(as(token))
      .send({ data: gs1Pack(CIP.dolipraneGelule), terminalId })
      .expect(201);
    const v = await api()
      .post(`/api/v1/dispensations/${dispensationId}/validate`)
      .set(as(token))
      .send({})
      .expect(200);
    const executionId = v.body.executionId as string;
    await until(async () => {
      const e = await api().get(`/api/v1/executions/${executionId}`).set(as(token)).expect(200);
      return e.body.status === 'acknowledged';
    }, 15_000);
    return { dispensationId, executionId, sequence: v.body.sequence as number };
  }

  let shared: { prescriptionId: string; qr: string };
  let north: { dispensationId: string; executionId: string; sequence: number };
  let south: { dispensationId: string; executionId: string; sequence: number };
  let onlyNorth: { prescriptionId: string; dispensationId: string; executionId: string };
  let rejectionId: string;

  beforeAll(async () => {
    t = await startSandboxedApp({ overrides: PHARMACIES });
    shared = await t.seed(paracetamolSeed());
    north = await dispense(shared.qr, A.counter, 'north-1');
    south = await dispense(shared.qr, B.counter, 'south-1');
    // A prescription only the north pharmacy ever saw, invoiced then rejected by the caisse.
    const mine = await t.seed(paracetamolSeed());
    const d = await dispense(mine.qr, A.counter, 'north-1');
    onlyNorth = { prescriptionId: mine.prescriptionId, ...d };
    await api()
      .post(`/api/v1/dispensations/${d.dispensationId}/invoice`)
      .set(as(A.counter))
      .send({ fseNumber: 'FSE-NORD-1', invoicedAt: new Date().toISOString(), amountCents: 108 })
      .expect(202);
    const rejected = await api()
      .post('/api/v1/invoice-rejections')
      .set(as(A.backoffice))
      .send({
        fseNumber: 'FSE-NORD-1',
        rejectionCode: 'R1',
        label: 'Rejet',
        receivedAt: '2026-11-30T09:00:00Z',
      })
      .expect(201);
    rejectionId = rejected.body.rejectionId as string;
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  it('lets both dispense one national prescription, each numbering its calls from 1 under its own FINESS', async () => {
    expect([north.sequence, south.sequence]).toEqual([1, 1]);
    const ledger = (await ledgerOf(t, shared.prescriptionId)) as unknown as {
      pharmacy: { finess?: string };
      sequence: number;
      kind: string;
      accepted: boolean;
    }[];
    expect(ledger.map((e) => [e.pharmacy.finess, e.sequence, e.kind, e.accepted])).toEqual([
      [A.finess, 1, 'execution', true],
      [B.finess, 1, 'execution', true],
    ]);
    // Each sees its own delivery here and the other's elsewhere, from its own copy of the prescription.
    const seen = async (token: string) => {
      const p = await api().get(`/api/v1/prescriptions/${shared.prescriptionId}`).set(as(token)).expect(200);
      const line = p.body.lines[0] as {
        deliveredHereOn: unknown[];
        deliveredElsewhere: { pharmacy: { finess?: string } }[];
      };
      return line.deliveredElsewhere.map((e) => e.pharmacy.finess);
    };
    await api().post(`/api/v1/prescriptions/${shared.prescriptionId}/retrieve`).set(as(A.lgo)).expect(200);
    expect(await seen(A.lgo)).toEqual([B.finess]);
    expect(await seen(B.lgo)).toEqual([A.finess]);
  });

  const southCredentials = [
    ['counter', B.counter],
    ['lgo', B.lgo],
    ['back-office', B.backoffice],
  ] as const;

  it.each(southCredentials)(
    'answers the south %s credential 404 for every north resource, as for one that does not exist',
    async (_, token) => {
      const missing = '00000000-0000-4000-8000-000000000000';
      /** The status and code of a north resource, then of a made-up id on the same route. */
      const both = async (path: (id: string) => string, id: string, method: 'get' | 'post' = 'get') => {
        const call = (p: string) => (method === 'get' ? api().get(p) : api().post(p).send({}));
        const theirs = await call(path(id)).set(as(token));
        const none = await call(path(missing)).set(as(token));
        return [theirs.status, theirs.body.code, none.status, none.body.code];
      };
      // Every route answers a north resource exactly as a made-up id: 404 with the resource's usual code
      // (or, where the role may not call the route at all, the same role refusal for both).
      for (const [path, id, code, method] of [
        [(id: string) => `/api/v1/dispensations/${id}`, north.dispensationId, 'DISPENSATION_UNKNOWN', 'get'],
        [
          (id: string) => `/api/v1/dispensations/${id}/validate`,
          north.dispensationId,
          'DISPENSATION_UNKNOWN',
          'post',
        ],
        [(id: string) => `/api/v1/executions/${id}`, north.executionId, 'EXECUTION_NOT_FOUND', 'get'],
        [(id: string) => `/api/v1/executions/${id}/report`, north.executionId, 'EXECUTION_NOT_FOUND', 'get'],
        [(id: string) => `/api/v1/executions/${id}/retry`, north.executionId, 'EXECUTION_NOT_FOUND', 'post'],
        [(id: string) => `/api/v1/invoice-rejections/${id}`, rejectionId, 'REJECTION_UNKNOWN', 'get'],
      ] as const) {
        const [theirStatus, theirCode, noneStatus, noneCode] = await both(path, id, method);
        expect([theirStatus, theirCode]).toEqual([noneStatus, noneCode]);
        if (theirStatus !== 403) expect([theirStatus, theirCode]).toEqual([404, code]);
      }
      // The lgo and the back office reach every route they may call: there, always 404.
      if (token !== B.counter) {
        expect(await both((id) => `/api/v1/executions/${id}`, north.executionId)).toEqual([
          404,
          'EXECUTION_NOT_FOUND',
          404,
          'EXECUTION_NOT_FOUND',
        ]);
      }
      // A north terminal's stream is not the south's to open.
      const stream = new SseClient(`${t.url}/api/v1/events?terminalId=north-1`, as(token));
      expect(await stream.open()).toBe(404);
      stream.close();
    },
  );

  it("lists only the south's own rows: dispensations, executions, rejections, dashboard and its export", async () => {
    const ids = (items: { id?: string; executionId?: string; dispensationId?: string }[]) =>
      items.map((i) => i.id ?? i.executionId ?? i.dispensationId);
    for (const token of [B.lgo, B.counter]) {
      const d = await api().get('/api/v1/dispensations').set(as(token)).expect(200);
      expect(ids(d.body.items)).toEqual([south.dispensationId]);
      const e = await api().get('/api/v1/executions').set(as(token)).expect(200);
      expect(ids(e.body.items)).toEqual([south.executionId]);
      const byPrescription = await api()
        .get(`/api/v1/executions?prescriptionId=${shared.prescriptionId}`)
        .set(as(token))
        .expect(200);
      expect(ids(byPrescription.body.items)).toEqual([south.executionId]);
    }
    const rejections = await api().get('/api/v1/invoice-rejections').set(as(B.backoffice)).expect(200);
    expect(rejections.body.items).toEqual([]);
    // The north's FSE number is unknown to the south: its rejection matches nothing there.
    const refused = await api()
      .post('/api/v1/invoice-rejections')
      .set(as(B.backoffice))
      .send({
        fseNumber: 'FSE-NORD-1',
        rejectionCode: 'R1',
        label: 'Rejet',
        receivedAt: '2026-11-30T09:00:00Z',
      })
      .expect(404);
    expect(refused.body.code).toBe('FSE_UNKNOWN');
    const dashboard = await api().get('/api/v1/dashboard').set(as(B.backoffice)).expect(200);
    const listed = (dashboard.body.items as { prescriptionId: string }[]).map((i) => i.prescriptionId);
    expect(listed).toEqual([shared.prescriptionId]);
    expect(dashboard.body.backlog).toMatchObject({ queued: 0, sending: 0, parked: 0 });
    const csv = await api().get('/api/v1/dashboard/items.csv').set(as(B.backoffice)).expect(200);
    const text = Buffer.isBuffer(csv.body) ? csv.body.toString('utf8') : csv.text;
    expect(text).toContain(shared.prescriptionId);
    expect(text).not.toContain(onlyNorth.prescriptionId);
    // The north, for its part, sees both of its prescriptions and its rejection.
    const northBoard = await api().get('/api/v1/dashboard').set(as(A.backoffice)).expect(200);
    expect(
      (northBoard.body.items as { prescriptionId: string }[]).map((i) => i.prescriptionId).sort(),
    ).toEqual([shared.prescriptionId, onlyNorth.prescriptionId].sort());
    const northRejections = await api().get('/api/v1/invoice-rejections').set(as(A.backoffice)).expect(200);
    expect(
      ids(northRejections.body.items.map((r: { rejectionId: string }) => ({ id: r.rejectionId }))),
    ).toEqual([rejectionId]);
  });

  it('rebuilds a prescription only for the pharmacy that retrieved it', async () => {
    const path = `/api/v1/prescriptions/${onlyNorth.prescriptionId}/reconstitution.pdf`;
    const south404 = await api().get(path).set(as(B.backoffice)).expect(404);
    expect(south404.body.code).toBe('RECONSTITUTION_UNAVAILABLE');
    await api().get(path).set(as(A.backoffice)).expect(200);
  });

  it("keeps one audit chain per pharmacy: the north's acts never lengthen the south's", async () => {
    const chain = async (token: string) =>
      (await api().get('/api/v1/audit/verify').set(as(token)).expect(200)).body as {
        ok: boolean;
        entries: number;
      };
    const before = { north: await chain(A.backoffice), south: await chain(B.backoffice) };
    expect(before.north.ok && before.south.ok).toBe(true);
    await api()
      .patch(`/api/v1/invoice-rejections/${rejectionId}`)
      .set(as(A.backoffice))
      .send({ status: 'in-progress', comment: 'vu' })
      .expect(200);
    const after = { north: await chain(A.backoffice), south: await chain(B.backoffice) };
    expect([after.north.entries - before.north.entries, after.south.entries - before.south.entries]).toEqual([
      1, 0,
    ]);
    expect(after.south.ok).toBe(true);
  });

  it("replays and streams to the south only the south's events", async () => {
    const replay = new SseClient(`${t.url}/api/v1/events`, { ...as(B.lgo), 'Last-Event-ID': '0' });
    expect(await replay.open()).toBe(200);
    await replay.waitFor((e) => JSON.stringify(e.data).includes(south.dispensationId));
    const live = new SseClient(`${t.url}/api/v1/events`, as(B.lgo));
    expect(await live.open()).toBe(200);
    // A north act now: the north's stream hears it, the south's never does.
    const northLive = new SseClient(`${t.url}/api/v1/events`, as(A.lgo));
    expect(await northLive.open()).toBe(200);
    await api()
      .post('/api/v1/scans')
      .set(as(A.counter))
      .send({ data: gs1Pack(CIP.dolipraneGelule), terminalId: 'north-1' })
      .expect(201);
    await northLive.waitFor((e) => e.event === 'scan');
    const leaked = (events: { data: unknown }[]) =>
      events.filter((e) =>
        [north.dispensationId, north.executionId, onlyNorth.dispensationId, 'north-1'].some((id) =>
          JSON.stringify(e.data).includes(id),
        ),
      );
    expect(leaked(replay.events)).toEqual([]);
    expect(leaked(live.events)).toEqual([]);
    for (const s of [replay, live, northLive]) s.close();
  });
});
