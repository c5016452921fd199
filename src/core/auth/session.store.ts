import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import type { Principal } from './principal';

export const SESSION_COOKIE = 'comptoir_session';

interface Session {
  principal: Principal;
  lastSeenMs: number;
}

const digest = (id: string) => createHash('sha256').update(id).digest('hex');

/**
 * Page sessions, in memory: a random 256-bit id in the cookie, never the token. Kept by the id's digest so
 * a heap dump does not hand out live cookies; each ends after `auth.sessionIdleMinutes` without a request.
 */
@Injectable()
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;

  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.idleMs = config.auth.sessionIdleMinutes * 60_000;
  }

  /** Opens a session and returns the cookie value. */
  create(principal: Principal): string {
    this.prune();
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(digest(id), { principal: { ...principal }, lastSeenMs: this.clock.now().getTime() });
    return id;
  }

  /** The principal of the session a request's Cookie header names (its idle time restarted), if any. */
  fromCookie(cookieHeader: string | undefined): Principal | undefined {
    const id = readCookie(cookieHeader, SESSION_COOKIE);
    return id ? this.touch(id) : undefined;
  }

  /** The session's principal, its idle time restarted; undefined when unknown or expired. */
  touch(id: string): Principal | undefined {
    const key = digest(id);
    const s = this.sessions.get(key);
    if (!s) return undefined;
    const now = this.clock.now().getTime();
    if (now - s.lastSeenMs > this.idleMs) {
      this.sessions.delete(key);
      return undefined;
    }
    s.lastSeenMs = now;
    return { ...s.principal };
  }

  delete(id: string): void {
    this.sessions.delete(digest(id));
  }

  get size(): number {
    return this.sessions.size;
  }

  private prune(): void {
    const now = this.clock.now().getTime();
    for (const [key, s] of this.sessions) if (now - s.lastSeenMs > this.idleMs) this.sessions.delete(key);
  }
}

/** The value of one cookie in a Cookie header (no cookie-parser middleware: this is the only cookie). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
