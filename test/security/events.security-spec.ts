import request from 'supertest';
import { FixedClock } from '../../src/core/clock/clock';
import { SseClient } from '../support/sse';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';

/*
 * Finding 1: events leaked patient data across terminals. With counter-2's token, GET /api/v1/events and no
 * terminalId streamed counter-1's card-inserted (NIR, names, birth date); `Last-Event-ID: 0` replayed every
 * terminal's buffer; streams outlived logout and session expiry.
 */
jest.setTimeout(30_000);

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const HOLDER = { lastName: 'ESSAI', firstNames: ['ALAIN'], birthDate: '1966-02-23', nir: '166022B123456' };
const cookieOf = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0].split(';')[0];

describe("finding 1: a counter never sees another terminal's events", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const cardOnCounter1 = () =>
    request(t.url)
      .post('/api/v1/devices/counter-1-card-reader/simulate')
      .set(bearer(TOKENS.counter1))
      .send({ data: JSON.stringify({ holder: HOLDER }) })
      .expect(202);

  it("streams counter-1's card to counter-1 and the LGO, never to counter-2 (no terminalId given)", async () => {
    const spy = new SseClient(`${t.url}/api/v1/events`, bearer(TOKENS.counter2));
    const own = new SseClient(`${t.url}/api/v1/events`, bearer(TOKENS.counter1));
    const lgo = new SseClient(`${t.url}/api/v1/events`, bearer(TOKENS.lgo));
    const office = new SseClient(`${t.url}/api/v1/events`, bearer(TOKENS.backoffice));
    for (const s of [spy, own, lgo, office]) expect(await s.open()).toBe(200);
    await cardOnCounter1();
    await own.waitFor((e) => e.event === 'card-inserted');
    await lgo.waitFor((e) => e.event === 'card-inserted');
    // counter-2's own scan comes after the card: once it has arrived, the card would have too.
    await request(t.url)
      .post('/api/v1/scans')
      .set(bearer(TOKENS.counter2))
      .send({ data: '3400930000366', terminalId: 'counter-2' })
      .expect(201);
    await spy.waitFor((e) => e.event === 'scan');
    expect(spy.events.map((e) => e.event)).toEqual(['scan']);
    expect(JSON.stringify(spy.events)).not.toContain('ESSAI');
    expect(office.events.map((e) => e.event)).toEqual([]);
    for (const s of [spy, own, lgo, office]) s.close();
  });

  it("replays only the counter's own events after Last-Event-ID: 0", async () => {
    await cardOnCounter1();
    const replay = new SseClient(`${t.url}/api/v1/events`, {
      ...bearer(TOKENS.counter2),
      'Last-Event-ID': '0',
    });
    expect(await replay.open()).toBe(200);
    await replay.waitFor((e) => e.event === 'scan');
    expect(replay.events.every((e) => (e.data as { terminalId?: string }).terminalId === 'counter-2')).toBe(
      true,
    );
    expect(JSON.stringify(replay.events)).not.toContain('ESSAI');
    replay.close();
  });

  it("refuses a counter asking for another terminal's events (403 TERMINAL_MISMATCH)", async () => {
    const res = await request(t.url).get('/api/v1/events?terminalId=counter-1').set(bearer(TOKENS.counter2));
    expect([res.status, res.body.code]).toEqual([403, 'TERMINAL_MISMATCH']);
  });

  it('ends a stream when its page session logs out', async () => {
    const cookie = cookieOf(await request(t.url).post('/api/v1/session').send({ token: TOKENS.counter1 }));
    const sse = new SseClient(`${t.url}/api/v1/events`, { Cookie: cookie });
    expect(await sse.open()).toBe(200);
    await request(t.url).delete('/api/v1/session').set({ Cookie: cookie, Origin: t.url }).expect(204);
    await sse.ended;
    const again = await request(t.url).get('/api/v1/events').set('Cookie', cookie);
    expect(again.status).toBe(401);
  });
});

describe('finding 1: a stream ends when its session expires; sessions live in the database', () => {
  const clock = new FixedClock(new Date('2026-11-20T09:00:00Z'));

  it('ends the stream of an expired session at the next check', async () => {
    const t = await startTestApp({
      clock,
      overrides: { auth: { sessionIdleMinutes: 5, sessionCheckMs: 50 } },
    });
    try {
      const cookie = cookieOf(await request(t.url).post('/api/v1/session').send({ token: TOKENS.counter1 }));
      const sse = new SseClient(`${t.url}/api/v1/events`, { Cookie: cookie });
      expect(await sse.open()).toBe(200);
      clock.advance(5 * 60_000 + 1);
      await sse.ended;
      expect((await request(t.url).get('/api/v1/session').set('Cookie', cookie)).status).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('keeps a page session across a restart, and a logout on one instance ends it on another', async () => {
    const first = await startTestApp({ clock });
    const second = await startTestApp({ clock, keepDataDir: first.dataDir });
    try {
      const cookie = cookieOf(
        await request(first.url).post('/api/v1/session').send({ token: TOKENS.counter1 }),
      );
      expect((await request(second.url).get('/api/v1/session').set('Cookie', cookie)).status).toBe(200);
      await request(first.url)
        .delete('/api/v1/session')
        .set({ Cookie: cookie, Origin: first.url })
        .expect(204);
      expect((await request(second.url).get('/api/v1/session').set('Cookie', cookie)).status).toBe(401);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
