import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FixedClock } from '../clock/clock';
import type { AppConfig } from '../config/config.schema';
import { ApiTokens } from './api-tokens';
import { AuthenticatedRequest, IS_PUBLIC, ROLES } from './principal';
import { SessionStore } from './session.store';
import { TokenGuard } from './token.guard';

const config = {
  auth: {
    tokens: [
      { terminal: 'counter-1', role: 'counter', token: 'counter-token-1' },
      { terminal: 'backoffice', role: 'back-office', token: 'backoffice-token' },
    ],
    sessionIdleMinutes: 60,
  },
} as unknown as AppConfig;

function setup(metadata: Record<string, unknown> = {}) {
  const reflector = { getAllAndOverride: (key: string) => metadata[key] } as unknown as Reflector;
  const sessions = new SessionStore(new FixedClock(new Date('2026-11-20T09:00:00Z')), config);
  const guard = new TokenGuard(reflector, new ApiTokens(config), sessions);
  const run = (req: Partial<AuthenticatedRequest>) => {
    const request = { method: 'GET', protocol: 'http', headers: { host: 'localhost:3000' }, ...req };
    const ctx = {
      getHandler: () => undefined,
      getClass: () => undefined,
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    guard.canActivate(ctx);
    return (request as AuthenticatedRequest).principal;
  };
  return { guard, sessions, run };
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code: string }).code;
  }
  return 'none';
};

describe('TokenGuard', () => {
  it('accepts a Bearer token, in any case of the scheme', () => {
    const { run } = setup();
    expect(run({ headers: { authorization: 'bearer counter-token-1' } })).toEqual({
      terminalId: 'counter-1',
      role: 'counter',
    });
  });

  it('refuses a missing or unknown token with UNAUTHORIZED', () => {
    const { run } = setup();
    expect(code(() => run({ headers: {} }))).toBe('UNAUTHORIZED');
    expect(code(() => run({ headers: { authorization: 'Bearer nope-nope-nope' } }))).toBe('UNAUTHORIZED');
    expect(code(() => run({ headers: { authorization: 'Basic Y291bnRlcg==' } }))).toBe('UNAUTHORIZED');
  });

  it('lets public endpoints through without a token', () => {
    const { run } = setup({ [IS_PUBLIC]: true });
    expect(run({ headers: {} })).toBeUndefined();
  });

  it('accepts the session cookie; a bad Authorization header wins over a good cookie', () => {
    const { run, sessions } = setup();
    const id = sessions.create({ terminalId: 'counter-1', role: 'counter' });
    const cookie = `other=1; comptoir_session=${id}`;
    expect(run({ headers: { cookie } })).toEqual({ terminalId: 'counter-1', role: 'counter' });
    expect(code(() => run({ headers: { cookie, authorization: 'Bearer wrong-token' } }))).toBe(
      'UNAUTHORIZED',
    );
  });

  it('requires a same-origin signal for a cookie-authenticated change, not for a Bearer one', () => {
    const { run, sessions } = setup();
    const cookie = `comptoir_session=${sessions.create({ terminalId: 'counter-1', role: 'counter' })}`;
    const post = (headers: Record<string, string>) => () =>
      run({ method: 'POST', headers: { host: 'localhost:3000', cookie, ...headers } });
    expect(code(post({}))).toBe('CROSS_ORIGIN_REFUSED');
    expect(code(post({ 'sec-fetch-site': 'same-site' }))).toBe('CROSS_ORIGIN_REFUSED');
    expect(code(post({ 'sec-fetch-site': 'none' }))).toBe('CROSS_ORIGIN_REFUSED');
    expect(code(post({ origin: 'http://localhost:3001' }))).toBe('CROSS_ORIGIN_REFUSED');
    expect(code(post({ origin: 'null' }))).toBe('CROSS_ORIGIN_REFUSED');
    // Sec-Fetch-Site, when sent, is the browser's own verdict and wins over Origin.
    expect(code(post({ 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000' }))).toBe(
      'CROSS_ORIGIN_REFUSED',
    );
    expect(code(post({ 'sec-fetch-site': 'same-origin' }))).toBe('none');
    expect(code(post({ origin: 'http://localhost:3000' }))).toBe('none');
    expect(code(() => run({ method: 'POST', headers: { authorization: 'Bearer counter-token-1' } }))).toBe(
      'none',
    );
  });

  it('enforces @Roles on either kind of credential', () => {
    const { run, sessions } = setup({ [ROLES]: ['back-office'] });
    const cookie = `comptoir_session=${sessions.create({ terminalId: 'counter-1', role: 'counter' })}`;
    expect(code(() => run({ headers: { cookie } }))).toBe('FORBIDDEN');
    expect(code(() => run({ headers: { authorization: 'Bearer counter-token-1' } }))).toBe('FORBIDDEN');
    expect(code(() => run({ headers: { authorization: 'Bearer backoffice-token' } }))).toBe('none');
  });
});
