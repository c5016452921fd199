import request from 'supertest';
import { CIP } from '../factories/dispensation.factory';
import { bearer, dispenseAndValidate, gs1Pack, paracetamolSeed } from '../support/dispense-flow';
import { expressRoutes, nestRoutes, Route } from '../support/route-table';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';

/*
 * Finding 2: with counter-2's token, GET /api/v1/dispensations/:id of counter-1's dispensation answered 200,
 * and so did packs, manual delivery, validate, invoice, execution retry and cancel. The test is built from
 * the route table: every route a counter may call declares which terminal owns what it touches (@Owns) or
 * why nothing is (@TerminalFree), and each @Owns route is sent counter-2's request on counter-1's resource.
 */
jest.setTimeout(60_000);

/** The routes a counter may call that touch nothing a terminal owns, reviewed one by one. */
const TERMINAL_FREE = [
  'GET /api/v1/devices',
  'GET /api/v1/session',
  'DELETE /api/v1/session',
  'GET /api/v1/staff',
  'GET /api/v1/prescriptions',
  'GET /api/v1/prescriptions/:id',
  'POST /api/v1/prescriptions/:id/retrieve',
  'GET /api/v1/intervention-favourites',
  'POST /api/v1/intervention-favourites',
  'DELETE /api/v1/intervention-favourites/:favouriteId',
].sort();

const key = (r: Route) => `${r.method} ${r.path}`;
const counterMayCall = (r: Route) => !r.isPublic && (!r.roles || r.roles.includes('counter'));

describe("finding 2: a counter acts only on its own terminal's resources (from the route table)", () => {
  let t: SandboxedApp;
  let routes: Route[];
  /** counter-1's resources, by the kind of id a route takes. */
  const own: Record<string, string> = {};

  beforeAll(async () => {
    t = await startSandboxedApp();
    routes = nestRoutes(t.app);
    const validated = await dispenseAndValidate(t);
    const { qr } = await t.seed(paracetamolSeed());
    const opened = await request(t.url)
      .post('/api/v1/scans')
      .set(bearer())
      .send({ data: qr, terminalId: 'counter-1' })
      .expect(201);
    await request(t.url)
      .post(`/api/v1/dispensations/${opened.body.sessionId}/packs`)
      .set(bearer())
      .send({ scan: gs1Pack(CIP.dolipraneGelule) })
      .expect(201);
    Object.assign(own, {
      dispensation: opened.body.sessionId as string,
      validated: validated.dispensationId,
      execution: validated.executionId,
      device: 'counter-1-scanner',
      terminal: 'counter-1',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('lists every route Express serves (nothing escapes the table)', () => {
    const served = new Set(
      expressRoutes(t.app).filter((r) => !r.includes('{*path}') && !/ \/api\/docs/.test(r)),
    );
    expect([...served].sort()).toEqual(routes.map(key).sort());
  });

  it('gives every route a counter may call an ownership rule, or a reviewed reason to have none', () => {
    const callable = routes.filter(counterMayCall);
    expect(callable.filter((r) => !r.owns && !r.terminalFree).map(key)).toEqual([]);
    expect(callable.filter((r) => r.owns && r.terminalFree).map(key)).toEqual([]);
    expect(
      callable
        .filter((r) => r.terminalFree)
        .map(key)
        .sort(),
    ).toEqual(TERMINAL_FREE);
  });

  /** The request of a route aimed at counter-1's resource. */
  const aimed = (r: Route, token: string) => {
    const rule = r.owns!;
    const target = rule.kind === 'execution' ? own.execution : own[rule.kind];
    const fill: Record<string, string> = {
      lineId: '1',
      packId: 'p',
      deliveryId: 'd',
      act: 'interventions',
      actId: 'a',
      code: 'NS_SUBSTITUTION_FORBIDDEN',
    };
    let path = r.path.replace(/:(\w+)/g, (_, name: string) =>
      rule.from === 'path' && name === rule.name ? target : (fill[name] ?? 'x'),
    );
    if (rule.from === 'query') path += `?${rule.name}=${target}`;
    const body = rule.from === 'body' ? { [rule.name]: target } : {};
    const method = r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const req = request(t.url)[method](path).set(bearer(token));
    return ['get', 'delete'].includes(method) ? req : req.send(body);
  };

  it("refuses counter-2 on each of counter-1's resources, route by route: 403 TERMINAL_MISMATCH", async () => {
    const owned = routes.filter((r) => counterMayCall(r) && r.owns);
    expect(owned.length).toBeGreaterThanOrEqual(25);
    const answers: string[] = [];
    for (const r of owned) {
      const res = await aimed(r, TOKENS.counter2);
      answers.push(`${key(r)} → ${res.status} ${res.body?.code}`);
    }
    expect(answers.filter((a) => !a.endsWith('→ 403 TERMINAL_MISMATCH'))).toEqual([]);
  });

  it('lets counter-1 and the LGO read the same resources', async () => {
    const reads = routes.filter((r) => r.owns && r.method === 'GET' && r.path !== '/api/v1/events');
    expect(reads.length).toBeGreaterThanOrEqual(5);
    for (const token of [TOKENS.counter1, TOKENS.lgo]) {
      for (const r of reads) {
        const res = await aimed(r, token);
        expect(`${key(r)} → ${res.status}`).not.toMatch(/→ 40[13]$/);
      }
    }
  });

  it("refuses the dispensation's acts, validation and invoice, and the execution's retry and cancel, as in the finding", async () => {
    const c2 = bearer(TOKENS.counter2);
    const probes = [
      request(t.url).get(`/api/v1/dispensations/${own.validated}`).set(c2),
      request(t.url)
        .post(`/api/v1/dispensations/${own.dispensation}/packs`)
        .set(c2)
        .send({ cip13: CIP.dolipraneGelule }),
      request(t.url)
        .post(`/api/v1/dispensations/${own.dispensation}/lines/1/manual-delivery`)
        .set(c2)
        .send({ quantity: 1, comment: 'x' }),
      request(t.url).post(`/api/v1/dispensations/${own.dispensation}/validate`).set(c2).send({}),
      request(t.url)
        .post(`/api/v1/dispensations/${own.validated}/invoice`)
        .set(c2)
        .send({ fseNumber: 'F1', invoicedAt: new Date().toISOString() }),
      request(t.url).post(`/api/v1/executions/${own.execution}/retry`).set(c2).send({}),
      request(t.url).post(`/api/v1/executions/${own.execution}/cancel`).set(c2).send({ reason: 'x' }),
    ];
    for (const res of await Promise.all(probes)) {
      expect([res.status, res.body.code]).toEqual([403, 'TERMINAL_MISMATCH']);
    }
    // Nor does counter-2 see counter-1's executions in its list.
    const list = await request(t.url).get('/api/v1/executions').set(c2);
    expect(list.body.items).toEqual([]);
    const mine = await request(t.url).get('/api/v1/executions').set(bearer());
    expect(mine.body.items.map((e: { executionId: string }) => e.executionId)).toContain(own.execution);
  });
});
