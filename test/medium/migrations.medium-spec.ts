import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../migrations';
import { openTestDatabase, TestDatabase, testEngine } from '../support/database';

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

const engine = testEngine();

describe(`migrations on a real ${engine} database`, () => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await openTestDatabase(ENTITIES as never[], { migrate: false });
  });

  afterEach(async () => {
    await t.close();
  });

  /** The service's tables (TypeORM's own `migrations` table aside). */
  const tables = async () =>
    (
      await t.sql<{ name: string }>(
        engine === 'postgres'
          ? `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename != 'migrations'`
          : `SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name != 'migrations'`,
      )
    ).map((r) => r.name);

  it('lists every migration file in migrations/index.ts', () => {
    const files = readdirSync(join(__dirname, '../../migrations')).filter((f) => /^\d+-\w+\.ts$/.test(f));
    expect(
      MIGRATIONS.map((m) => `${/(\d+)$/.exec(m.name)![1]}-${m.name.replace(/\d+$/, '')}.ts`).sort(),
    ).toEqual(files.sort());
  });

  it('runs up to a schema identical to the entities (nothing left to generate)', async () => {
    await t.ds.runMigrations();
    const pending = await t.ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reverts every migration down to an empty database and up again', async () => {
    await t.ds.runMigrations();
    for (let i = 0; i < MIGRATIONS.length; i++) await t.ds.undoLastMigration();
    expect(await tables()).toEqual([]);
    await t.ds.runMigrations();
    expect((await t.ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  if (engine === 'sqlite') {
    it('runs in WAL mode', async () => {
      await t.ds.runMigrations();
      expect(await t.sql('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    });
  }

  if (engine === 'postgres') {
    it('keeps the audit trail append-only with the translated triggers', async () => {
      await t.ds.runMigrations();
      const triggers = await t.sql<{ name: string }>(
        `SELECT trigger_name AS name FROM information_schema.triggers WHERE event_object_table = 'audit_entries' ORDER BY 1`,
      );
      expect(triggers.map((r) => r.name)).toEqual([
        'TRG_audit_entries_no_delete',
        'TRG_audit_entries_no_update',
      ]);
    });
  }
});
