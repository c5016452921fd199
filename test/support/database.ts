import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource, DataSourceOptions, EntityManager, EntitySchema } from 'typeorm';
import type { AppConfig } from '../../src/core/config/config.schema';
import { Database } from '../../src/core/database/database';
import { databaseOptions, Engine } from '../../src/core/database/database.options';
import { toPostgres } from '../../migrations/dialect';

/**
 * The engine a medium or e2e test runs on: SQLite unless the jest project says PostgreSQL (the `-pg`
 * projects of jest.config.js, whose global setup starts a throwaway cluster and sets COMPTOIR_TEST_PG_URL).
 */
export function testEngine(): Engine {
  return process.env.COMPTOIR_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

function adminUrl(): string {
  const url = process.env.COMPTOIR_TEST_PG_URL;
  if (!url) throw new Error('COMPTOIR_TEST_PG_URL is not set: run the -pg jest projects (jest.config.js)');
  return url;
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The PostgreSQL database that goes with a data directory (so a restarted app finds its rows again). */
function databaseNameOf(dataDir: string): string {
  return `t_${createHash('sha256').update(dataDir).digest('hex').slice(0, 20)}`;
}

export interface TestDatabaseConfig {
  /** What to merge into the configuration: `database.url` on PostgreSQL, nothing on SQLite. */
  overrides: Record<string, unknown>;
  /** Removes the database (PostgreSQL); the SQLite file goes with its directory. */
  drop(): Promise<void>;
}

/** The database of a data directory on the test engine: created on PostgreSQL if it is not there yet. */
export async function testDatabaseFor(dataDir: string): Promise<TestDatabaseConfig> {
  if (testEngine() === 'sqlite') return { overrides: {}, drop: async () => undefined };
  const name = databaseNameOf(dataDir);
  await admin(async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await c.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    overrides: { database: { url: url.toString() } },
    drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** What the database options need of the configuration, for a data directory on the test engine. */
export async function testDatabaseConfig(
  dataDir: string,
): Promise<{ config: Pick<AppConfig, 'dataDir' | 'database'>; drop(): Promise<void> }> {
  const target = await testDatabaseFor(dataDir);
  const url = (target.overrides.database as { url?: string } | undefined)?.url;
  return {
    config: {
      dataDir,
      database: { file: 'comptoir.sqlite', busyTimeoutMs: 5000, poolSize: 10, ...(url ? { url } : {}) },
    },
    drop: target.drop,
  };
}

export interface TestDatabase {
  engine: Engine;
  ds: DataSource;
  db: Database;
  dataDir: string;
  config: Pick<AppConfig, 'dataDir' | 'database'>;
  /** Runs raw SQL written with `?` placeholders on either engine (tests that look under the hood). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[], m?: EntityManager): Promise<T[]>;
  /** Closes the connections and keeps the database (a restart, or another process opening it). */
  disconnect(): Promise<void>;
  /** Closes the connections and removes the database. */
  close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- an entity class, as TypeORM takes it
type Entity = Function | EntitySchema;

/** A fresh database on the test engine, migrated, with the service's Database over it. */
export async function openTestDatabase(
  entities: Entity[],
  options: { migrate?: boolean; dataDir?: string; file?: string } = {},
): Promise<TestDatabase> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'comptoir-db-'));
  const target = await testDatabaseConfig(dataDir);
  if (options.file) target.config.database.file = options.file;
  const ds = await new DataSource({
    ...databaseOptions(target.config),
    entities,
  } as DataSourceOptions).initialize();
  if (options.migrate !== false) await ds.runMigrations({ transaction: 'each' });
  const db = new Database(ds, target.config);
  await db.onModuleInit();
  const engine = testEngine();
  return {
    engine,
    ds,
    db,
    dataDir,
    config: target.config,
    sql: (text, params = [], m = ds.manager) => m.query(placeholders(engine, text), params),
    disconnect: async () => {
      await db.onApplicationShutdown();
      if (ds.isInitialized) await ds.destroy();
    },
    close: async () => {
      await db.onApplicationShutdown();
      if (ds.isInitialized) await ds.destroy();
      await target.drop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `?` placeholders as PostgreSQL numbers them. */
export function placeholders(engine: Engine, text: string): string {
  if (engine !== 'postgres') return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** Raw SQL (`?` placeholders) on a running app's database, for tests that check rows directly. */
export function appSql<T = Record<string, unknown>>(
  app: { get(token: typeof DataSource): DataSource },
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const ds = app.get(DataSource);
  return ds.query(placeholders(ds.options.type === 'postgres' ? 'postgres' : 'sqlite', text), params);
}

/** Drops a trigger (someone editing the database by hand): PostgreSQL names its table and function. */
export async function dropTrigger(t: TestDatabase, name: string): Promise<void> {
  if (t.engine === 'sqlite') {
    await t.sql(`DROP TRIGGER "${name}"`);
    return;
  }
  const [row] = await t.sql<{ table: string }>(
    'SELECT event_object_table AS "table" FROM information_schema.triggers WHERE trigger_name = ? LIMIT 1',
    [name],
  );
  await t.sql(`DROP TRIGGER "${name}" ON "${row.table}"`);
  await t.sql(`DROP FUNCTION "${name}_fn"()`);
}

/** A trigger that makes every insert into `table` fail with `message` (a write failing half-way). */
export async function failInserts(
  t: TestDatabase,
  name: string,
  table: string,
  message: string,
): Promise<void> {
  const ddl = `CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, '${message}'); END`;
  for (const statement of t.engine === 'postgres' ? toPostgres(ddl) : [ddl]) await t.sql(statement);
}

/** The environment a child process (a CLI, the service) needs to open the data directory's database. */
export async function databaseEnv(dataDir: string): Promise<Record<string, string>> {
  return databaseUrlEnv(await testDatabaseFor(dataDir));
}

/** COMPTOIR_DATABASE_URL for a test database on PostgreSQL; nothing on SQLite. */
export function databaseUrlEnv(target: TestDatabaseConfig): Record<string, string> {
  const url = (target.overrides.database as { url?: string } | undefined)?.url;
  return url ? { COMPTOIR_DATABASE_URL: url } : {};
}
