import { rmSync } from 'node:fs';
import { type ApiResponse, comptoir } from '../support/api-request';
import { FixedClock } from '../../src/core/clock/clock';
import { SseClient } from '../support/sse';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';

// Starting the app (migrations, the sandbox) can outlast jest's 5 s default on a loaded machine.
jest.setTimeout(30_000);

const sessionCookie = (res: ApiResponse): string => {
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const c = set.find((s) => s.startsWith('comptoir_session='));
  if (!c) throw new Error(`no session cookie in ${JSON.stringify(set)}`);
  return c;
};
const cookiePair = (setCookie: string) => setCookie.split(';')[0];

describe('page sessions (API.md § Conventions: HttpOnly, SameSite=Strict cookie)', () => {
  const clock = new FixedClock(new Date('2026-11-20T09:00:00Z'));
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock, overrides: { auth: { sessionIdleMinutes: 30 } } });
  });

  afterAll(async () => {
    await t.close();
  });

  const login = async (token = TOKENS.counter1) => {
    const res = await comptoir(t.url).post('/api/v1/session').send({ token });
    expect(res.status).toBe(200);
    return res;
  };

  it('logs in with a token: a random session cookie, HttpOnly, SameSite=Strict, never the token', async () => {
    const res = await login();
    expect(res.body).toEqual({ pharmacyId: 'default', terminalId: 'counter-1', role: 'counter' });
    expect(res.headers['cache-control']).toBe('no-store');
    const set = sessionCookie(res);
    expect(set).toMatch(/^comptoir_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(set).not.toContain(TOKENS.counter1);
    const again = await login();
    expect(cookiePair(sessionCookie(again))).not.toBe(cookiePair(set));
  });

  it('refuses an unknown token with 401 UNAUTHORIZED and sets no cookie', async () => {
    const res = await comptoir(t.url).post('/api/v1/session').send({ token: 'not-a-token' });
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHORIZED']);
    expect(res.headers['set-cookie']).toBeUndefined();
    const empty = await comptoir(t.url).post('/api/v1/session').send({});
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('the cookie authenticates /api/v1: who am I, SSE, role checks', async () => {
    const cookie = cookiePair(sessionCookie(await login()));
    const me = await comptoir(t.url).get('/api/v1/session').set('Cookie', cookie);
    expect([me.status, me.body]).toEqual([
      200,
      { pharmacyId: 'default', terminalId: 'counter-1', role: 'counter' },
    ]);
    const op = await comptoir(t.url).get('/api/v1/terminals/counter-1/operator').set('Cookie', cookie);
    expect(op.status).toBe(200);
    const other = await comptoir(t.url).get('/api/v1/terminals/counter-2/operator').set('Cookie', cookie);
    expect([other.status, other.body.code]).toEqual([403, 'TERMINAL_MISMATCH']);
    const bo = await comptoir(t.url).get('/api/v1/audit/verify').set('Cookie', cookie);
    expect([bo.status, bo.body.code]).toEqual([403, 'FORBIDDEN']);
    const none = await comptoir(t.url).get('/api/v1/session');
    expect([none.status, none.body.code]).toEqual([401, 'UNAUTHORIZED']);
    const sse = new SseClient(`${t.url}/api/v1/events?terminalId=counter-1`, { Cookie: cookie });
    expect(await sse.open()).toBe(200);
    sse.close();
    const forged = await comptoir(t.url).get('/api/v1/session').set('Cookie', 'comptoir_session=forged');
    expect(forged.status).toBe(401);
  });

  it('a wrong Authorization header is judged alone, even with a good cookie', async () => {
    const cookie = cookiePair(sessionCookie(await login()));
    const res = await comptoir(t.url)
      .get('/api/v1/session')
      .set('Cookie', cookie)
      .set('Authorization', 'Bearer wrong-token');
    expect(res.status).toBe(401);
    const bearer = await comptoir(t.url)
      .get('/api/v1/session')
      .set('Authorization', `Bearer ${TOKENS.backoffice}`);
    expect(bearer.body).toEqual({ pharmacyId: 'default', terminalId: 'backoffice', role: 'back-office' });
  });

  it('a cookie-authenticated change must be same-origin (CSRF defence-in-depth)', async () => {
    const cookie = cookiePair(sessionCookie(await login()));
    const body = { rpps: '10001234567', code: '000000' };
    const put = (headers: Record<string, string>) =>
      comptoir(t.url)
        .put('/api/v1/terminals/counter-1/operator')
        .set('Cookie', cookie)
        .set(headers)
        .send(body);
    const bare = await put({});
    expect([bare.status, bare.body.code]).toEqual([403, 'CROSS_ORIGIN_REFUSED']);
    const crossSite = await put({ 'Sec-Fetch-Site': 'cross-site' });
    expect([crossSite.status, crossSite.body.code]).toEqual([403, 'CROSS_ORIGIN_REFUSED']);
    const evil = await put({ Origin: 'http://evil.example' });
    expect([evil.status, evil.body.code]).toEqual([403, 'CROSS_ORIGIN_REFUSED']);
    expect((await put({ 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await put({ Origin: t.url })).status).toBe(200);
    // GET needs no such header; a Bearer client never does.
    expect((await comptoir(t.url).get('/api/v1/devices').set('Cookie', cookie)).status).toBe(200);
    const bearer = await comptoir(t.url)
      .put('/api/v1/terminals/counter-1/operator')
      .set('Authorization', `Bearer ${TOKENS.counter1}`)
      .send(body);
    expect(bearer.status).toBe(200);
  });

  it('refuses a login posted from another site', async () => {
    const res = await comptoir(t.url)
      .post('/api/v1/session')
      .set('Origin', 'http://evil.example')
      .send({ token: TOKENS.counter1 });
    expect([res.status, res.body.code]).toEqual([403, 'CROSS_ORIGIN_REFUSED']);
  });

  it('keeps idempotency working for cookie-authenticated POSTs', async () => {
    const cookie = cookiePair(sessionCookie(await login()));
    const post = () =>
      comptoir(t.url)
        .post('/api/v1/scans')
        .set({ Cookie: cookie, Origin: t.url, 'Idempotency-Key': 'session-scan-1' })
        .send({ data: '3400930000366' });
    const first = await post();
    expect(first.status).toBe(201);
    const second = await post();
    expect([second.status, second.headers['idempotent-replayed'], second.body.id]).toEqual([
      201,
      'true',
      first.body.id,
    ]);
  });

  it('ends after the idle time, and is kept alive by use', async () => {
    const cookie = cookiePair(sessionCookie(await login()));
    clock.advance(29 * 60_000);
    expect((await comptoir(t.url).get('/api/v1/session').set('Cookie', cookie)).status).toBe(200);
    clock.advance(29 * 60_000);
    expect((await comptoir(t.url).get('/api/v1/session').set('Cookie', cookie)).status).toBe(200);
    clock.advance(31 * 60_000);
    expect((await comptoir(t.url).get('/api/v1/session').set('Cookie', cookie)).status).toBe(401);
  });

  it('logs out: the session ends and the cookie is cleared', async () => {
    const cookie = cookiePair(sessionCookie(await login(TOKENS.backoffice)));
    const out = await comptoir(t.url).delete('/api/v1/session').set({ Cookie: cookie, Origin: t.url });
    expect(out.status).toBe(204);
    expect(sessionCookie(out)).toMatch(/^comptoir_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/);
    expect((await comptoir(t.url).get('/api/v1/session').set('Cookie', cookie)).status).toBe(401);
  });

  it('serves the pages with a strict CSP, and sends a page without a session to the login', async () => {
    const loginPage = await comptoir(t.url).get('/');
    expect(loginPage.status).toBe(200);
    expect(loginPage.headers['content-type']).toMatch(/^text\/html/);
    expect(loginPage.headers['content-security-policy']).toContain("default-src 'self'");
    expect(loginPage.headers['content-security-policy']).toContain("script-src 'self'");
    expect(loginPage.headers['x-content-type-options']).toBe('nosniff');
    expect(loginPage.text).toContain('<html lang="fr">');
    expect(loginPage.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const counter = await comptoir(t.url).get('/counter');
    expect([counter.status, counter.headers.location]).toEqual([303, '/']);
    const cookie = cookiePair(sessionCookie(await login(TOKENS.counter1)));
    const page = await comptoir(t.url).get('/counter').set('Cookie', cookie);
    expect(page.status).toBe(200);
    const elsewhere = await comptoir(t.url).get('/back-office').set('Cookie', cookie);
    expect([elsewhere.status, elsewhere.headers.location]).toEqual([303, '/counter']);
    const home = await comptoir(t.url).get('/').set('Cookie', cookie);
    expect([home.status, home.headers.location]).toEqual([303, '/counter']);
    const js = await comptoir(t.url).get('/assets/counter.js');
    expect([js.status, js.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await comptoir(t.url).get('/assets/..%2Fpages.controller.ts')).status).toBe(404);
    expect((await comptoir(t.url).get('/assets/counter.html')).status).toBe(404);
  });
});

describe('page sessions across a restart (kept in the database)', () => {
  it('keeps a page logged in when the service restarts on the same data, until it logs out', async () => {
    const first = await startTestApp();
    const dataDir = first.dataDir;
    let second: TestApp | undefined;
    try {
      const res = await comptoir(first.url).post('/api/v1/session').send({ token: TOKENS.counter1 });
      const cookie = cookiePair(sessionCookie(res));
      await first.app.close(); // the process stops; its data stays
      second = await startTestApp({ keepDataDir: dataDir });
      const me = await comptoir(second.url).get('/api/v1/session').set('Cookie', cookie);
      expect([me.status, me.body.terminalId]).toEqual([200, 'counter-1']);
      await comptoir(second.url)
        .delete('/api/v1/session')
        .set({ Cookie: cookie, Origin: second.url })
        .expect(204);
      expect((await comptoir(second.url).get('/api/v1/session').set('Cookie', cookie)).status).toBe(401);
    } finally {
      await second?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
