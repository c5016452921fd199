import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Database } from '../database/database';
import { InstanceRepository } from './instance.repository';

/** How often an instance beats, and after how long without a beat it counts as dead. */
export const HEARTBEAT_MS = 1000;
export const DEAD_AFTER_MS = 5000;
/** Rows of instances gone for this long are removed (what they held was released long before). */
const FORGET_AFTER_MS = 24 * 3600_000;
/** `alive()` is read at most this often (the idempotency interceptor asks on every keyed POST). */
const ALIVE_CACHE_MS = 500;

/**
 * This process as one of the instances sharing the database (docs/data.md § Several instances): a row with
 * a heartbeat. What an instance holds (an outbox row it is sending, an idempotency key it is answering) is
 * released by the others once it has not beaten for DEAD_AFTER_MS, by anyone at once when it stops
 * cleanly. Heartbeats use the system clock, not the service's (tests pin that one): instances on several
 * hosts need their clocks synchronised (NTP) to within a second or so. On SQLite one process owns the
 * file: at start every other row is gone, and there is no heartbeat.
 */
@Injectable()
export class Instances implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly id = randomUUID();
  private readonly logger = new Logger('Instances');
  private timer?: NodeJS.Timeout;
  private beating?: Promise<unknown>;
  private aliveCache?: { at: number; ids: string[] };
  private started?: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly rows: InstanceRepository,
  ) {}

  /**
   * Registers this instance and starts its heartbeat, once (after the migrations: the table must exist).
   * `createApp` calls it after running them; an embedding application whose module migrates on connect
   * gets it at bootstrap.
   */
  start(): Promise<void> {
    this.started ??= this.register();
    return this.started;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  private async register(): Promise<void> {
    const now = new Date();
    await this.db.transaction(async (m) => {
      if (this.db.engine === 'sqlite') await this.rows.removeOthers(m, this.id);
      await this.rows.register(m, this.row(now));
    });
    if (this.db.engine === 'sqlite') return;
    this.timer = setInterval(() => {
      this.beating ??= this.beat().finally(() => (this.beating = undefined));
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  /** The instances that beat within DEAD_AFTER_MS (this one always among them). */
  async alive(): Promise<string[]> {
    if (this.db.engine === 'sqlite') return [this.id];
    const cached = this.aliveCache;
    if (cached && Date.now() - cached.at < ALIVE_CACHE_MS) return cached.ids;
    const found = await this.rows.alive(this.db.reader, new Date(Date.now() - DEAD_AFTER_MS));
    const ids = found.includes(this.id) ? found : [...found, this.id];
    this.aliveCache = { at: Date.now(), ids };
    return ids;
  }

  /** After the stages stopped (the dispatcher's calls in flight included), before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
    // Gone at once: what it held is released by the others without waiting for DEAD_AFTER_MS.
    await this.db.transaction((m) => this.rows.remove(m, this.id)).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    try {
      const now = new Date();
      const known = await this.db.transaction((m) => this.rows.beat(m, this.id, now));
      if (!known) {
        // Counted dead by another instance (a long pause): what it held was released; come back.
        this.logger.warn('this instance was counted dead by another one (no heartbeat for a while)');
        await this.db.transaction((m) => this.rows.register(m, this.row(now)));
      }
      if (Math.random() < HEARTBEAT_MS / 60_000) {
        await this.db.transaction((m) => this.rows.forget(m, new Date(now.getTime() - FORGET_AFTER_MS)));
      }
    } catch (error) {
      this.logger.warn(`heartbeat failed: ${(error as Error).message}`);
    }
  }

  private row(now: Date) {
    return { id: this.id, host: hostname().slice(0, 255), pid: process.pid, startedAt: now, seenAt: now };
  }
}
