import { dirname, isAbsolute, join, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { MIGRATIONS } from '../../../migrations';
import { createPrivateFile, securePrivateDir } from '../files/private-files';
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

/**
 * SQLite in WAL mode, migrations only: `synchronize` is off everywhere, tests included. The file is created
 * 0600 in a 0700 directory before SQLite opens it (its WAL and shared-memory files take its mode).
 */
export function databaseOptions(config: Pick<AppConfig, 'dataDir' | 'database'>): DataSourceOptions {
  installConnectionGate();
  const file = databaseFile(config);
  if (file !== ':memory:') {
    securePrivateDir(resolve(config.dataDir));
    if (dirname(file) !== resolve(config.dataDir)) securePrivateDir(dirname(file));
    createPrivateFile(file);
  }
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
