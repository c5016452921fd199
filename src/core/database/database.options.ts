import { dirname, isAbsolute, join, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { MIGRATIONS } from '../../../migrations';
import { createPrivateFile, securePrivateDir } from '../files/private-files';
import { usePostgresUtc } from './postgres-time';

/** SQLite (one file, the embedded default) or PostgreSQL (`database.url`, hosted deployments). */
export type Engine = 'sqlite' | 'postgres';

type DatabaseConfig = Pick<AppConfig, 'dataDir' | 'database'>;

export function engineOf(config: DatabaseConfig): Engine {
  return config.database.url ? 'postgres' : 'sqlite';
}

export function databaseFile(config: DatabaseConfig): string {
  const file = config.database.file;
  if (file === ':memory:') return file;
  return isAbsolute(file) ? file : join(resolve(config.dataDir), file);
}

/** What a CLI prints as "database:": the file, or the URL without its password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (!config.database.url) return databaseFile(config);
  const url = new URL(config.database.url);
  if (url.password) url.password = '***';
  return url.toString();
}

/**
 * sqlite3 as TypeORM loads it, minus `verbose()`: TypeORM always calls it, and verbose mode captures a stack
 * trace on every statement (about a tenth of the service's CPU under a busy outbox). Errors still carry
 * the failing SQL through TypeORM's QueryFailedError.
 */
const QUIET_SQLITE3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 });

/**
 * The service's connection, migrations only (`synchronize` is off everywhere, tests included).
 * SQLite: the one writer connection, in WAL mode; the file is created 0600 in a 0700 directory before SQLite
 * opens it (its WAL and shared-memory files take its mode). Reads go through a second, read-only connection
 * (`sqliteReaderOptions`). PostgreSQL: a pool of `database.poolSize` connections, every timestamp in UTC.
 */
export function databaseOptions(config: DatabaseConfig): DataSourceOptions {
  const common = {
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    logging: false,
  };
  if (config.database.url) {
    usePostgresUtc();
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      applicationName: 'comptoir',
      poolSize: config.database.poolSize,
      // Sessions in UTC: `now()` and the timestamps the migrations default to are UTC like every other one.
      extra: { options: '-c TimeZone=UTC' },
    };
  }
  const file = databaseFile(config);
  if (file !== ':memory:') {
    securePrivateDir(resolve(config.dataDir));
    if (dirname(file) !== resolve(config.dataDir)) securePrivateDir(dirname(file));
    createPrivateFile(file);
  }
  return {
    ...common,
    type: 'sqlite',
    database: file,
    driver: QUIET_SQLITE3,
    enableWAL: true,
    busyTimeout: config.database.busyTimeoutMs,
    busyErrorRetry: 50,
  };
}

/**
 * SQLite's read connection: the same file opened read-only. In WAL mode each of its statements reads the
 * last committed state, never a write transaction in progress on the writer connection.
 */
export function sqliteReaderOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'sqlite',
    name: 'reader',
    database: databaseFile(config),
    driver: QUIET_SQLITE3,
    flags: sqlite3.OPEN_READONLY,
    busyTimeout: config.database.busyTimeoutMs,
    busyErrorRetry: 50,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  };
}
