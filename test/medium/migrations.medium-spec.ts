import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/core/database/database.options';
import { MIGRATIONS } from '../../migrations';

// Every entity of the service, found on disk: the schema the migrations build must be exactly theirs.
function* entityFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* entityFiles(path);
    else if (name.endsWith('.entity.ts')) yield path;
  }
}
const ENTITIES = [...entityFiles(join(__dirname, '../../src'))].flatMap((f) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  Object.values(require(f) as Record<string, new () => unknown>),
);

describe('migrations on a real SQLite file', () => {
  let dir: string;
  let ds: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'comptoir-mig-'));
    ds = new DataSource({
      ...databaseOptions({ dataDir: dir, database: { file: 'm.sqlite', busyTimeoutMs: 1000 } }),
      entities: ENTITIES,
    });
    await ds.initialize();
  });

  afterEach(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every migration file in migrations/index.ts', () => {
    const files = readdirSync(join(__dirname, '../../migrations')).filter((f) => /^\d+-\w+\.ts$/.test(f));
    expect(
      MIGRATIONS.map((m) => `${/(\d+)$/.exec(m.name)![1]}-${m.name.replace(/\d+$/, '')}.ts`).sort(),
    ).toEqual(files.sort());
  });

  it('runs up to a schema identical to the entities (nothing left to generate)', async () => {
    await ds.runMigrations();
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('runs in WAL mode', async () => {
    await ds.runMigrations();
    expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('reverts every migration down to an empty database and up again', async () => {
    await ds.runMigrations();
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
    const tables = (await ds.query(
      `SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name != 'migrations'`,
    )) as { name: string }[];
    expect(tables).toEqual([]);
    await ds.runMigrations();
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
