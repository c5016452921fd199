import request from 'supertest';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';

const auth = (token = TOKENS.counter1) => ({ Authorization: `Bearer ${token}` });

describe('terminal operator (API.md § Conventions)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it("starts with the configuration's default operator", async () => {
    const res = await request(t.url).get('/api/v1/terminals/counter-1/operator').set(auth());
    expect(res.body).toEqual({
      rpps: '10001234567',
      lastName: 'TEST',
      firstName: 'PHARMACIEN',
      role: 'pharmacien',
    });
  });

  it('is set by the LGO at login and kept in the database', async () => {
    const body = { rpps: '10009999999', lastName: 'MARTIN', firstName: 'Claire', role: 'preparateur' };
    const put = await request(t.url).put('/api/v1/terminals/counter-1/operator').set(auth()).send(body);
    expect(put.status).toBe(200);
    const get = await request(t.url).get('/api/v1/terminals/counter-1/operator').set(auth(TOKENS.backoffice));
    expect(get.body).toEqual(body);
  });

  it('refuses a bad RPPS, an unknown role, and another terminal', async () => {
    const bad = await request(t.url)
      .put('/api/v1/terminals/counter-1/operator')
      .set(auth())
      .send({ rpps: '123', lastName: 'X', firstName: 'Y', role: 'boss' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const other = await request(t.url)
      .put('/api/v1/terminals/counter-2/operator')
      .set(auth())
      .send({ rpps: '10009999999', lastName: 'X', firstName: 'Y', role: 'pharmacien' });
    expect([other.status, other.body.code]).toEqual([403, 'TERMINAL_MISMATCH']);
  });
});
