import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { Engine, engineOf, sqliteReaderOptions } from './database.options';

/** PostgreSQL's "try the transaction again" answers: serialization failure, deadlock detected. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

/** The engine behind an EntityManager: repositories write the few engine-specific statements with it. */
export function engineOfManager(m: EntityManager): Engine {
  return m.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/** A unique constraint refused the row (a second claim of an idempotency key, a sequence number taken). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  return driverError?.code === '23505' || /SQLITE_CONSTRAINT.*UNIQUE|UNIQUE constraint/i.test(error.message);
}

/**
 * The database as the stages see it (ARCHITECTURE.md § Data): a write transaction for the caller's work,
 * and a reader that only ever sees committed rows. Repositories (`*.repository.ts`) are given one or the
 * other as an EntityManager; nothing else builds queries.
 *
 * SQLite: one writer connection, so write transactions run one after the other in this process (SQLite
 * allows one writer; a second BEGIN on the same connection would fail), and a second, read-only connection
 * for reads: in WAL mode each read sees the last commit, never a transaction in progress. One process owns
 * the file.
 * PostgreSQL: a pool; transactions run side by side, several instances share the database, and what must
 * happen once is decided by row locks, unique constraints and advisory locks taken in the transaction
 * (`lock`), never by this process. A transaction the server aborts as a deadlock or a serialization
 * failure is run again from the start (the work must only write through its manager).
 */
@Injectable()
export class Database implements OnModuleInit, OnApplicationShutdown {
  readonly engine: Engine;
  private queue: Promise<unknown> = Promise.resolve();
  private readerSource?: DataSource;
  private opening?: Promise<DataSource>;

  constructor(
    private readonly source: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'dataDir' | 'database'>,
  ) {
    this.engine = engineOf(config);
  }

  /** Opens the read connection (SQLite); idempotent. `createApp` calls it before the lifecycle hooks run. */
  async onModuleInit(): Promise<void> {
    if (this.engine !== 'sqlite') return;
    this.opening ??= new DataSource({
      ...sqliteReaderOptions(this.config),
      entities: this.source.entityMetadatas.map((m) => m.target),
    }).initialize();
    this.readerSource = await this.opening;
  }

  async onApplicationShutdown(): Promise<void> {
    const reader = this.readerSource;
    this.readerSource = undefined;
    this.opening = undefined;
    if (reader?.isInitialized) await reader.destroy();
  }

  /** Committed rows only (SQLite's read-only connection, PostgreSQL's pool); never write through it. */
  get reader(): EntityManager {
    if (this.engine === 'postgres') return this.source.manager;
    if (!this.readerSource) throw new Error('the read connection is not open yet');
    return this.readerSource.manager;
  }

  /** Answers when the database does (health). */
  async ping(): Promise<void> {
    await this.reader.query('SELECT 1');
  }

  /** Runs `work` in a write transaction; its manager is what the work's repositories are given. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (this.engine === 'postgres') return this.withRetries(work);
    const start = () => this.source.transaction(work);
    const run = this.queue.then(start, start);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Holds `key` until the transaction of `m` ends: on PostgreSQL an advisory transaction lock (another
   * instance taking the same key waits for this commit); on SQLite the one writer already excludes others.
   */
  async lock(m: EntityManager, key: string): Promise<void> {
    await lockKey(m, key);
  }

  private async withRetries<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.source.transaction('READ COMMITTED', work);
      } catch (error) {
        const code = (error as { driverError?: { code?: string } }).driverError?.code;
        if (attempt >= MAX_ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }
}

/** `Database.lock` for code given only a manager (a repository). */
export async function lockKey(m: EntityManager, key: string): Promise<void> {
  if (engineOfManager(m) !== 'postgres') return;
  await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}
