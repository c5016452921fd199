import request from 'supertest';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';

/*
 * Finding 7: deeply nested JSON was a 500, even on the unauthenticated POST /api/v1/session (3,000 levels,
 * about 20 KB: the validation pipe's stripProtoKeys overflowed the stack).
 */
describe('finding 7: deeply nested JSON is refused in the body parser', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const nested = (levels: number) => `{"token":${'['.repeat(levels)}${']'.repeat(levels)}}`;

  it('answers 400 MALFORMED_JSON to 3,000 levels on the login, and the service lives on', async () => {
    const body = nested(3000);
    expect(body.length).toBeGreaterThan(6000);
    const res = await request(t.url)
      .post('/api/v1/session')
      .set('Content-Type', 'application/json')
      .send(body);
    expect([res.status, res.body.code]).toEqual([400, 'MALFORMED_JSON']);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await request(t.url).get('/health')).status).toBe(200);
  });

  it('refuses it on an authenticated route as well, before any handler', async () => {
    const res = await request(t.url)
      .post('/api/v1/scans')
      .set({ Authorization: `Bearer ${TOKENS.counter1}`, 'Content-Type': 'application/json' })
      .send(`{"data":"3400930000366","x":${nested(100)}}`);
    expect([res.status, res.body.code]).toEqual([400, 'MALFORMED_JSON']);
  });

  it('still takes ordinary bodies, brackets inside strings included', async () => {
    const res = await request(t.url)
      .post('/api/v1/scans')
      .set({ Authorization: `Bearer ${TOKENS.counter1}` })
      .send({ data: `[[[[${'{'.repeat(100)}` });
    expect(res.body.code).not.toBe('MALFORMED_JSON');
  });
});
