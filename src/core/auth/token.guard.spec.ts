import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '../config/config.schema';
import { ApiTokens } from './api-tokens';
import { AuthenticatedRequest, IS_PUBLIC, Principal, ROLES } from './principal';
import { readCookie, SESSION_COOKIE, SessionStore } from './session.store';
import { TokenGuard } from './token.guard';

const config = {
  auth: {
    tokens: [
      { terminal: 'counter-1', role: 'counter', token: 'counter-token-1' },
      { terminal: 'backoffice', role: 'back-office', token: 'backoffice-token' },
      { pharmacy: 'north', terminal: '*', role: 'lgo', token: 'lgo-token-north' },
    ],
    sessionIdleMinutes: 60,
  },
  pharmacies: [{ id: 'north' }],
} as unknown as AppConfig;

/** The session store's one method the guard uses, over a map (the store itself: test/medium). */
class FakeSessions {
  private readonly open = new Map<string, Principal>();
  create(principal: Principal): string {
    const id = `session-${this.open.size + 1}`;
    this.open.set(id, principal);
    return id;
  }
  fromCookie(header: string | undefined) {
    const id = readCookie(header, SESSION_COOKIE);
    const principal = id ? this.open.get(id) : undefined;
    return Promise.resolve(principal && { key: `key-of-${id}`, principal });
  }
}

const counter1: Principal = { pharmacyId: 'north', terminalId: 'counter-1', role: 'counter' };

function setup(metadata: Record<string, unknown> = {}) {
  const reflector = { getAllAndOverride: (key: string) => metadata[key] } as unknown as Reflector;
  const sessions = new FakeSessions();
  const guard = new TokenGuard(reflector, new ApiTokens(config), sessions as unknown as SessionStore);
  const run = async (req: Partial<AuthenticatedRequest>) => {
    const request = { method: 'GET', protocol: 'http', headers: { host: 'localhost:3000' }, ...req };
    const ctx = {
      getHandler: () => undefined,
      getClass: () => undefined,
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    await guard.canActivate(ctx);
    return (request as AuthenticatedRequest).principal;
  };
  return { guard, sessions, run };
}

const code = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (err) {
    return (err as { code: string }).code;
  }
  return 'none';
};

describe('TokenGuard', () => {
  it('accepts a Bearer token, in any case of the scheme; the pharmacy is the one configured', async () => {
    const { run } = setup();
    expect(await run({ headers: { authorization: 'bearer counter-token-1' } })).toEqual(counter1);
  });

  it("names an lgo token's pharmacy and every terminal", async () => {
    const { run } = setup();
    expect(await run({ headers: { authorization: 'Bearer lgo-token-north' } })).toEqual({
      pharmacyId: 'north',
      terminalId: '*',
      role: 'lgo',
    });
  });

  it('refuses a missing or unknown token with UNAUTHORIZED', async () => {
    const { run } = setup();
    expect(await code(() => run({ headers: {} }))).toBe('UNAUTHORIZED');
    expect(await code(() => run({ headers: { authorization: 'Bearer nope-nope-nope' } }))).toBe(
      'UNAUTHORIZED',
    );
    expect(await code(() => run({ headers: { authorization: 'Basic Y291bnRlcg==' } }))).toBe('UNAUTHORIZED');
  });

  it('lets public endpoints through without a token', async () => {
    const { run } = setup({ [IS_PUBLIC]: true });
    expect(await run({ headers: {} })).toBeUndefined();
  });

  it('accepts the session cookie; a bad Authorization header wins over a good cookie', async () => {
    const { run, sessions } = setup();
    const id = sessions.create(counter1);
    const cookie = `other=1; comptoir_session=${id}`;
    expect(await run({ headers: { cookie } })).toEqual(counter1);
    expect(await code(() => run({ headers: { cookie, authorization: 'Bearer wrong-token' } }))).toBe(
      'UNAUTHORIZED',
    );
  });

  it('requires a same-origin signal for a cookie-authenticated change, not for a Bearer one', async () => {
    const { run, sessions } = setup();
    const cookie = `comptoir_session=${sessions.create(counter1)}`;
    const post = (headers: Record<string, string>) => () =>
      run({ method: 'POST', headers: { host: 'localhost:3000', cookie, ...headers } });
    expect(await code(post({}))).toBe('CROSS_ORIGIN_REFUSED');
    expect(await code(post({ 'sec-fetch-site': 'same-site' }))).toBe('CROSS_ORIGIN_REFUSED');
    expect(await code(post({ 'sec-fetch-site': 'none' }))).toBe('CROSS_ORIGIN_REFUSED');
    expect(await code(post({ origin: 'http://localhost:3001' }))).toBe('CROSS_ORIGIN_REFUSED');
    expect(await code(post({ origin: 'null' }))).toBe('CROSS_ORIGIN_REFUSED');
    // Sec-Fetch-Site, when sent, is the browser's own verdict and wins over Origin.
    expect(await code(post({ 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000' }))).toBe(
      'CROSS_ORIGIN_REFUSED',
    );
    expect(await code(post({ 'sec-fetch-site': 'same-origin' }))).toBe('none');
    expect(await code(post({ origin: 'http://localhost:3000' }))).toBe('none');
    expect(
      await code(() => run({ method: 'POST', headers: { authorization: 'Bearer counter-token-1' } })),
    ).toBe('none');
  });

  it('enforces @Roles on either kind of credential', async () => {
    const { run, sessions } = setup({ [ROLES]: ['back-office'] });
    const cookie = `comptoir_session=${sessions.create(counter1)}`;
    expect(await code(() => run({ headers: { cookie } }))).toBe('FORBIDDEN');
    expect(await code(() => run({ headers: { authorization: 'Bearer counter-token-1' } }))).toBe('FORBIDDEN');
    expect(await code(() => run({ headers: { authorization: 'Bearer backoffice-token' } }))).toBe('none');
  });
});
