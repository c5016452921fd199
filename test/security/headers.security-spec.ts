import request from 'supertest';
import { createServer, Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';

/*
 * Finding 8: API answers carried patient data without Cache-Control: no-store nor nosniff; /api/docs had
 * no CSP; a 503's detail named an internal address (`ECONNREFUSED 127.0.0.1:…`); the login had no rate
 * limit; any Host was served.
 */
jest.setTimeout(30_000);

const bearer = { Authorization: `Bearer ${TOKENS.counter1}` };

describe('finding 8: headers and details', () => {
  let t: TestApp;
  let closedPort: number;
  let resetter: Server;

  beforeAll(async () => {
    // A port held for the whole test, whose every connection is reset: no other process can take it
    // and answer in its place (a port merely found free could be reused by a parallel test's server).
    resetter = createServer((socket) => socket.resetAndDestroy());
    await new Promise<void>((resolve) => resetter.listen(0, '127.0.0.1', resolve));
    closedPort = (resetter.address() as AddressInfo).port;
    t = await startTestApp({
      overrides: {
        teleservice: {
          url: `http://127.0.0.1:${closedPort}/eprescription`,
          timeoutMs: 300,
          breaker: { failureThreshold: 1000, cooldownMs: 50 },
        },
        auth: { loginAttempts: { max: 3, windowSeconds: 300 } },
      },
    });
  });

  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => resetter.close(resolve));
  });

  it('sends Cache-Control: no-store and nosniff on every API answer, errors and health included', async () => {
    for (const res of [
      await request(t.url).get('/api/v1/terminals/counter-1/operator').set(bearer),
      await request(t.url).get('/api/v1/dispensations/unknown').set(bearer),
      await request(t.url).get('/api/v1/staff'),
      await request(t.url).get('/health'),
    ]) {
      expect([res.headers['cache-control'], res.headers['x-content-type-options']]).toEqual([
        'no-store',
        'nosniff',
      ]);
    }
  });

  it('serves /api/docs under a Content-Security-Policy without inline scripts', async () => {
    const res = await request(t.url).get('/api/docs');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('says a teleservice is unreachable without saying where it is', async () => {
    const res = await request(t.url).post('/api/v1/prescriptions/202611200930001234/retrieve').set(bearer);
    expect([res.status, res.body.code]).toEqual([503, 'TELESERVICE_UNAVAILABLE']);
    expect(res.headers['retry-after']).toBe(String(res.body.retryAfterSeconds));
    expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${closedPort}|eprescription`));
    // The English detail names the cause (ECONNREFUSED…), still without the address.
    const en = await request(t.url)
      .post('/api/v1/prescriptions/202611200930001234/retrieve')
      .set(bearer)
      .set('Accept-Language', 'en');
    expect(en.body.detail).toMatch(/^teleservice (unreachable|circuit open)/);
    expect(JSON.stringify(en.body)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${closedPort}|eprescription`));
  });

  it('refuses logins from an address after too many refused ones: 429 LOGIN_RATE_LIMITED, the right token too', async () => {
    for (let i = 0; i < 3; i++) {
      const bad = await request(t.url)
        .post('/api/v1/session')
        .send({ token: `guess-${i}-xxxxxxxx` });
      expect(bad.status).toBe(401);
    }
    const limited = await request(t.url).post('/api/v1/session').send({ token: TOKENS.counter1 });
    expect([limited.status, limited.body.code]).toEqual([429, 'LOGIN_RATE_LIMITED']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['retry-after']).toBe(String(limited.body.retryAfterSeconds));
    expect(limited.headers['set-cookie']).toBeUndefined();
  });
});

describe('finding 8: an optional allowlist of Host values', () => {
  it('serves the names listed in server.allowedHosts only (400 HOST_NOT_ALLOWED)', async () => {
    const t = await startTestApp({ overrides: { server: { allowedHosts: ['comptoir.pharmacie.local'] } } });
    try {
      const rebound = await request(t.url).get('/health').set('Host', 'evil.example');
      expect([rebound.status, rebound.body.code]).toEqual([400, 'HOST_NOT_ALLOWED']);
      const page = await request(t.url).get('/').set('Host', `127.0.0.1`);
      expect(page.status).toBe(400);
      const named = await request(t.url).get('/health').set('Host', 'comptoir.pharmacie.local:3000');
      expect(named.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
