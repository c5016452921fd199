import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { entryHash, GENESIS_HASH } from '../../src/core/audit/audit-chain';
import { AuditRepository } from '../../src/core/audit/audit.repository';
import { AuditService } from '../../src/core/audit/audit.service';
import { FixedClock } from '../../src/core/clock/clock';
import { databaseOptions } from '../../src/core/database/database.options';
import { ActRepository } from '../../src/dispensation/act.repository';
import { PharmacyRows, PharmacyRowsRepository } from '../../src/core/database/pharmacy-rows';
import { openTestDatabase, placeholders, TestDatabase, testEngine } from '../support/database';

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

  /** The database as a previous release left it: the migrations before `name`, and raw SQL to write rows. */
  const migratedUpTo = async (name: string) => {
    const before = MIGRATIONS.findIndex((m) => m.name === name);
    const old = await new DataSource({
      ...databaseOptions(t.config),
      migrations: MIGRATIONS.slice(0, before),
    }).initialize();
    await old.runMigrations();
    const q = (text: string, params: unknown[] = []) => old.query(placeholders(engine, text), params);
    return { old, q };
  };

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

  it('brings rows written before issue 17 along: the audit chain, its length, the order of acts', async () => {
    // The database as the previous release left it: its migrations, and rows written with its schema.
    const { old, q } = await migratedUpTo('SeveralInstances1798100000000');
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const entry = {
        seq,
        at: `2026-11-20T09:0${seq}:00.000Z`,
        actor: { kind: 'terminal' as const },
        terminalId: 'counter-1',
        action: 'dispensation.pack.added',
        subject: { type: 'dispensation', id: 'D1' },
        data: {},
        prevHash,
      };
      const hash = entryHash(entry);
      await q(
        `INSERT INTO "audit_entries" ("seq", "at", "actorKind", "terminalId", "action", "subjectType", "subjectId", "data", "prevHash", "hash") VALUES (?, ?, 'terminal', 'counter-1', ?, 'dispensation', 'D1', '{}', ?, ?)`,
        [seq, entry.at, entry.action, prevHash, hash],
      );
      prevHash = hash;
    }
    // Three acts of one instant, in the order they were recorded (SQLite read them back in rowid order).
    for (const id of ['c', 'a', 'b']) {
      await q(
        `INSERT INTO "dispensation_acts" ("id", "dispensationId", "lineId", "type", "body", "by", "terminalId", "at") VALUES (?, 'D1', 'L1', 'line-flags', '{}', '{}', 'counter-1', ?)`,
        [id, '2026-11-20 09:00:00.000'],
      );
    }
    await old.destroy();

    await t.ds.runMigrations();
    const audit = new AuditService(t.db, new FixedClock(new Date()), new AuditRepository(), {
      resolve: (id?: string) => id ?? 'default',
    } as never);
    expect(await audit.verify('default')).toEqual({ ok: true, entries: 3 });
    await audit.append({
      action: 'staff.added',
      actor: { kind: 'system' },
      subject: { type: 'staff', id: 'x' },
    });
    expect(await audit.verify('default')).toEqual({ ok: true, entries: 4 });
    if (engine === 'sqlite') {
      expect((await new ActRepository().actsOf(t.db.reader, 'D1')).map((a) => a.id)).toEqual(['c', 'a', 'b']);
    }
  });

  it('gives the rows written before many pharmacies to `default`, which one pharmacy of another id adopts', async () => {
    const { old, q } = await migratedUpTo('ManyPharmacies1798300000000');
    const at = '2026-11-20 09:00:00.000';
    await q(
      `INSERT INTO "prescriptions" ("prescriptionId", "data", "retrievedAt") VALUES ('P1', '{"prescriptionId":"P1"}', ?)`,
      [at],
    );
    await q(
      `INSERT INTO "outbox_executions" ("id", "prescriptionId", "sequence", "kind", "payload", "status", "nextAttemptAt", "createdAt", "updatedAt") VALUES ('O1', 'P1', 1, 'execution', '{}', 'queued', ?, ?, ?)`,
      [at, at, at],
    );
    await old.destroy();
    await t.ds.runMigrations();
    const owners = async () => [
      ...(await t.sql<{ p: string }>(`SELECT "pharmacyId" AS p FROM "prescriptions"`)).map((r) => r.p),
      ...(await t.sql<{ p: string }>(`SELECT "pharmacyId" AS p FROM "outbox_executions"`)).map((r) => r.p),
    ];
    expect(await owners()).toEqual(['default', 'default']);
    // A single pharmacy named `default` (a `pharmacy:` block without id), or several: nothing moves.
    const rows = (pharmacies: { id: string }[]) =>
      new PharmacyRows(t.db, new PharmacyRowsRepository(), { pharmacies } as never);
    expect(await rows([{ id: 'default' }]).adopt()).toEqual({});
    expect(await rows([{ id: 'north' }, { id: 'south' }]).adopt()).toEqual({});
    expect(await owners()).toEqual(['default', 'default']);
    // One pharmacy of another id takes them over, once.
    expect(await rows([{ id: 'north' }]).adopt()).toEqual({ prescriptions: 1, outbox_executions: 1 });
    expect(await rows([{ id: 'north' }]).adopt()).toEqual({});
    expect(await owners()).toEqual(['north', 'north']);
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
