import { FixedClock } from '../clock/clock';
import type { AppConfig } from '../config/config.schema';
import { readCookie, SessionStore } from './session.store';

const config = { auth: { tokens: [], sessionIdleMinutes: 10 } } as unknown as AppConfig;

describe('SessionStore', () => {
  const clock = new FixedClock(new Date('2026-11-20T09:00:00Z'));
  const store = new SessionStore(clock, config);
  const principal = { terminalId: 'counter-1', role: 'counter' as const };

  it('hands out random 256-bit ids (43 base64url characters), never twice', () => {
    const a = store.create(principal);
    const b = store.create(principal);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('returns a copy of the principal, and nothing for an unknown id', () => {
    const id = store.create(principal);
    const got = store.touch(id)!;
    expect(got).toEqual(principal);
    got.role = 'back-office';
    expect(store.touch(id)).toEqual(principal);
    expect(store.touch('nope')).toBeUndefined();
  });

  it('expires after the idle time; each use restarts it', () => {
    const id = store.create(principal);
    clock.advance(9 * 60_000);
    expect(store.touch(id)).toBeDefined();
    clock.advance(10 * 60_000);
    expect(store.touch(id)).toBeDefined();
    clock.advance(10 * 60_000 + 1);
    expect(store.touch(id)).toBeUndefined();
  });

  it('forgets a deleted session, and prunes expired ones when another is created', () => {
    const id = store.create(principal);
    store.delete(id);
    expect(store.touch(id)).toBeUndefined();
    clock.advance(11 * 60_000);
    store.create(principal);
    expect(store.size).toBe(1);
  });
});

describe('readCookie', () => {
  it.each([
    ['comptoir_session=abc', 'abc'],
    ['a=1; comptoir_session=abc; b=2', 'abc'],
    ['xcomptoir_session=abc', undefined],
    ['comptoir_session=', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, value) => {
    expect(readCookie(header, 'comptoir_session')).toBe(value);
  });
});
