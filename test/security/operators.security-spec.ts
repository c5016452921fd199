import request from 'supertest';
import { FixedClock } from '../../src/core/clock/clock';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { CIP } from '../factories/dispensation.factory';
import { CounterClient } from '../support/counter-client';
import { bearer, gs1Pack } from '../support/dispense-flow';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { STAFF, TOKENS } from '../support/test-app';
import { appSql } from '../support/database';

/*
 * Finding 3: PUT /api/v1/terminals/counter-2/operator with a made-up RPPS and role "pharmacien" answered
 * 200; the override a préparateur was refused then passed, and the audit trail recorded the invented RPPS.
 */
jest.setTimeout(60_000);

const INVENTED = '19999999999';

describe('finding 3: operators are who the staff registry says, proven by their personal code', () => {
  const clock = new FixedClock(new Date());
  let t: SandboxedApp;
  let counter2: CounterClient;
  let lgo: CounterClient;

  beforeAll(async () => {
    t = await startSandboxedApp({ clock });
    counter2 = new CounterClient(t.url, TOKENS.counter2, 'counter-2', 10_000);
    lgo = new CounterClient(t.url, TOKENS.lgo, '*', 10_000);
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses a made-up RPPS with a claimed role (422 OPERATOR_UNKNOWN) and records nothing of it', async () => {
    const res = await request(t.url)
      .put('/api/v1/terminals/counter-2/operator')
      .set(bearer(TOKENS.counter2))
      .send({ rpps: INVENTED, lastName: 'FAUX', firstName: 'Pharmacien', role: 'pharmacien' });
    expect([res.status, res.body.code]).toEqual([422, 'OPERATOR_UNKNOWN']);
    const op = await request(t.url).get('/api/v1/terminals/counter-2/operator').set(bearer(TOKENS.counter2));
    expect(op.body).toMatchObject({ rpps: STAFF.preparateur.rpps, role: 'preparateur' });
  });

  it('keeps the registry role whatever the body claims, so the préparateur still cannot override', async () => {
    const claimed = await request(t.url)
      .put('/api/v1/terminals/counter-2/operator')
      .set(bearer(TOKENS.counter2))
      .send({ ...STAFF.preparateur, lastName: 'X', firstName: 'Y', role: 'pharmacien' });
    expect([claimed.status, claimed.body.role]).toEqual([200, 'preparateur']);
    const { qr } = await t.seed({ ...EXAMPLE_SEED, createdAt: new Date().toISOString().slice(0, 10) });
    const opened = await request(t.url)
      .post('/api/v1/scans')
      .set(bearer(TOKENS.counter2))
      .send({ data: qr, terminalId: 'counter-2' })
      .expect(201);
    const id = opened.body.sessionId as string;
    await request(t.url)
      .post(`/api/v1/dispensations/${id}/packs`)
      .set(bearer(TOKENS.counter2))
      .send({ scan: gs1Pack(CIP.thyrofix30) })
      .expect(201);
    const override = await request(t.url)
      .post(`/api/v1/dispensations/${id}/issues/NS_SUBSTITUTION_FORBIDDEN/override`)
      .set(bearer(TOKENS.counter2))
      .send({ lineId: '3', reason: 'je me déclare pharmacien' });
    expect([override.status, override.body.code]).toEqual([403, 'OVERRIDE_NOT_ALLOWED']);
    const rows = await appSql<{ actorRpps: string }>(
      t.app,
      `SELECT "actorRpps" FROM "audit_entries" WHERE "actorRpps" IS NOT NULL`,
    );
    expect(rows.map((r) => r.actorRpps)).not.toContain(INVENTED);
  });

  it('locks a person out for 5 minutes after 5 wrong codes (429 OPERATOR_LOCKED), even with the right one', async () => {
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push(await counter2.setOperator(STAFF.preparateur.rpps, '123456'));
    expect(wrong.map((r) => r.body.code)).toEqual(Array(5).fill('OPERATOR_CODE_INVALID'));
    const locked = await request(t.url)
      .put('/api/v1/terminals/counter-2/operator')
      .set(bearer(TOKENS.counter2))
      .send({ rpps: STAFF.preparateur.rpps, code: STAFF.preparateur.code });
    expect([locked.status, locked.body.code]).toEqual([429, 'OPERATOR_LOCKED']);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.headers['retry-after']).toBe(String(locked.body.retryAfterSeconds));
    clock.advance(5 * 60_000 + 1);
    expect((await counter2.setOperator(STAFF.preparateur.rpps, STAFF.preparateur.code)).status).toBe(200);
  });

  it('counts codes sent in parallel too: no more than 5 are ever checked between two locks', async () => {
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => counter2.setOperator(STAFF.pharmacien.rpps, String(100000 + i))),
    );
    const codes = burst.map((r) => r.body.code as string);
    expect(codes.filter((c) => c === 'OPERATOR_CODE_INVALID').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'OPERATOR_LOCKED').length).toBeGreaterThanOrEqual(7);
    clock.advance(5 * 60_000 + 1);
  });

  it('keeps the registry to the LGO and the back office; a counter sees names, RPPS and roles only', async () => {
    const byCounter = await request(t.url)
      .put(`/api/v1/staff/${INVENTED}`)
      .set(bearer(TOKENS.counter2))
      .send({ lastName: 'FAUX', firstName: 'P', role: 'pharmacien', code: '000000' });
    expect([byCounter.status, byCounter.body.code]).toEqual([403, 'FORBIDDEN']);
    const list = await request(t.url).get('/api/v1/staff').set(bearer(TOKENS.counter2));
    expect(list.body.items).toContainEqual({
      ...{ rpps: STAFF.pharmacien.rpps },
      lastName: 'TEST',
      firstName: 'PHARMACIEN',
      role: 'pharmacien',
    });
    expect(Object.keys(list.body.items[0]).sort()).toEqual(['firstName', 'lastName', 'role', 'rpps']);
    const full = await request(t.url).get('/api/v1/staff').set(bearer(TOKENS.lgo));
    expect(full.body.items[0]).toHaveProperty('hasCode', true);
    expect(JSON.stringify(full.body)).not.toMatch(/scrypt|000000/);
  });

  it('lets the LGO register someone and put them at a terminal without a code; every change is audited', async () => {
    expect(
      (await lgo.putStaff('10001111111', { lastName: 'NOUVEAU', firstName: 'Paul', role: 'pharmacien' }))
        .status,
    ).toBe(200);
    const set = await lgo.setOperator('10001111111', undefined, 'counter-2');
    expect([set.status, set.body.role]).toEqual([200, 'pharmacien']);
    const trail = await appSql<{ action: string; subjectId: string }>(
      t.app,
      `SELECT "action", "subjectId" FROM "audit_entries" WHERE "action" LIKE 'staff.%' OR "action" LIKE 'terminal.%'`,
    );
    expect(trail).toContainEqual({ action: 'staff.added', subjectId: '10001111111' });
    expect(trail).toContainEqual({ action: 'terminal.operator.set', subjectId: 'counter-2' });
    expect(trail).toContainEqual({ action: 'staff.code.locked', subjectId: STAFF.preparateur.rpps });
    expect((await request(t.url).delete('/api/v1/staff/10001111111').set(bearer(TOKENS.lgo))).status).toBe(
      204,
    );
    // Removed from the registry, removed from the terminal: the configuration's default is back.
    const after = await request(t.url)
      .get('/api/v1/terminals/counter-2/operator')
      .set(bearer(TOKENS.counter2));
    expect(after.body).toMatchObject({ rpps: STAFF.preparateur.rpps, role: 'preparateur' });
  });
});
