import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Observable, Subject } from 'rxjs';
import { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { Database } from '../database/database';
import type { Principal } from './principal';
import { SessionRepository } from './session.repository';

export const SESSION_COOKIE = 'comptoir_session';

/** A live page session: the key it is stored under (never the cookie value) and who it is. */
export interface Session {
  key: string;
  principal: Principal;
}

const digest = (id: string) => createHash('sha256').update(id).digest('hex');

/**
 * Page sessions, in the database with their expiry (docs/security.md § Page sessions): a random 256-bit id
 * in the cookie, never the token, stored by its SHA-256. A session survives a restart, and ends everywhere
 * on logout or after `auth.sessionIdleMinutes` without a request; `ended` tells this instance's event
 * streams at once (others find out at their next check, `auth.sessionCheckMs`).
 */
@Injectable()
export class SessionStore {
  private readonly idleMs: number;
  /** Expiry is pushed back at most this often per session: a use is not a write every time. */
  private readonly renewAfterMs: number;
  private readonly endedKeys = new Subject<string>();

  constructor(
    private readonly db: Database,
    private readonly rows: SessionRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.idleMs = config.auth.sessionIdleMinutes * 60_000;
    this.renewAfterMs = Math.min(60_000, this.idleMs / 10);
  }

  /** Sessions that ended here (logout), by key. */
  get ended(): Observable<string> {
    return this.endedKeys.asObservable();
  }

  /** Opens a session and returns the cookie value. */
  async create(principal: Principal): Promise<string> {
    const now = this.clock.now();
    const id = randomBytes(32).toString('base64url');
    await this.db.transaction(async (m) => {
      await this.rows.deleteExpired(m, now);
      await this.rows.insert(m, {
        key: digest(id),
        pharmacyId: principal.pharmacyId,
        terminalId: principal.terminalId,
        role: principal.role,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.idleMs),
      });
    });
    return id;
  }

  /** The session a request's Cookie header names (its idle time restarted), if any. */
  async fromCookie(cookieHeader: string | undefined): Promise<Session | undefined> {
    const id = readCookie(cookieHeader, SESSION_COOKIE);
    return id ? this.touch(id) : undefined;
  }

  /** The session of a cookie value, its idle time restarted; undefined when unknown or expired. */
  async touch(id: string): Promise<Session | undefined> {
    const key = digest(id);
    const row = await this.rows.find(this.db.reader, key);
    if (!row) return undefined;
    const now = this.clock.now().getTime();
    const expiresAt = new Date(row.expiresAt).getTime();
    if (expiresAt <= now) {
      await this.db.transaction((m) => this.rows.delete(m, key));
      return undefined;
    }
    if (now + this.idleMs - expiresAt >= this.renewAfterMs) {
      await this.db.transaction((m) => this.rows.extend(m, key, new Date(now + this.idleMs)));
    }
    return {
      key,
      principal: { pharmacyId: row.pharmacyId, terminalId: row.terminalId, role: row.role },
    };
  }

  /** Whether the session stored under `key` is still open (read only: an event stream is not a use). */
  async alive(key: string): Promise<boolean> {
    const row = await this.rows.find(this.db.reader, key);
    return !!row && new Date(row.expiresAt).getTime() > this.clock.now().getTime();
  }

  /** Ends the session of a cookie value, here and on every instance sharing the database. */
  async delete(id: string): Promise<void> {
    const key = digest(id);
    await this.db.transaction((m) => this.rows.delete(m, key));
    this.endedKeys.next(key);
  }

  /** Open sessions (tests and metrics). */
  count(): Promise<number> {
    return this.rows.count(this.db.reader);
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
