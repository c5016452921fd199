import { mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { MIGRATIONS } from '../../../migrations';

export function databaseFile(config: Pick<AppConfig, 'dataDir' | 'database'>): string {
  const file = config.database.file;
  if (file === ':memory:') return file;
  return isAbsolute(file) ? file : join(resolve(config.dataDir), file);
}

/** SQLite in WAL mode, migrations only: `synchronize` is off everywhere, tests included. */
export function databaseOptions(config: Pick<AppConfig, 'dataDir' | 'database'>): DataSourceOptions {
  const file = databaseFile(config);
  if (file !== ':memory:') mkdirSync(resolve(config.dataDir), { recursive: true });
  return {
    type: 'sqlite',
    database: file,
    enableWAL: true,
    busyErrorRetry: 50,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    logging: false,
  };
}
