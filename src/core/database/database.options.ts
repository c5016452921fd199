import { mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { MIGRATIONS } from '../../../migrations';
import { installConnectionGate } from './connection-gate';

export function databaseFile(config: Pick<AppConfig, 'dataDir' | 'database'>): string {
  const file = config.database.file;
  if (file === ':memory:') return file;
  return isAbsolute(file) ? file : join(resolve(config.dataDir), file);
}

/**
 * sqlite3 as TypeORM loads it, minus `verbose()`: TypeORM always calls it, and verbose mode captures a stack
 * trace on every statement (about a tenth of the service's CPU under a busy outbox). Errors still carry
 * the failing SQL through TypeORM's QueryFailedError.
 */
const QUIET_SQLITE3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 });

/** SQLite in WAL mode, migrations only: `synchronize` is off everywhere, tests included. */
export function databaseOptions(config: Pick<AppConfig, 'dataDir' | 'database'>): DataSourceOptions {
  installConnectionGate();
  const file = databaseFile(config);
  if (file !== ':memory:') mkdirSync(resolve(config.dataDir), { recursive: true });
  return {
    type: 'sqlite',
    database: file,
    driver: QUIET_SQLITE3,
    enableWAL: true,
    busyErrorRetry: 50,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    logging: false,
  };
}
