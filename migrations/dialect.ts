import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The migrations written before PostgreSQL was supported are SQLite DDL, and a landed migration is never
 * edited. On PostgreSQL they run through this translation of the closed list of SQLite constructs they use;
 * everything else is standard SQL both engines take as written:
 *
 * | SQLite                                         | PostgreSQL                                   |
 * |------------------------------------------------|----------------------------------------------|
 * | `datetime` column type                         | `timestamp` (UTC wall time, like SQLite's)   |
 * | `DEFAULT (datetime('now'))`                    | `DEFAULT now()` (sessions run in UTC)        |
 * | `integer PRIMARY KEY AUTOINCREMENT`            | `SERIAL PRIMARY KEY`                         |
 * | `boolean … DEFAULT (0)` / `(1)`                | `DEFAULT false` / `true`                     |
 * | `CREATE TRIGGER t BEFORE x ON tbl BEGIN SELECT RAISE(ABORT, 'm'); END` | a plpgsql function raising `m`, and the trigger `FOR EACH ROW` |
 * | `DROP TRIGGER t`                               | `DROP TRIGGER t ON tbl` and its function     |
 *
 * A statement that still holds something SQLite-only after translation (`AUTOINCREMENT`, a `datetime(`
 * call, `sqlite_` tables, `RAISE(`) is refused with the statement, never run half-translated. Migrations
 * written from now on run on both engines as written, or branch on `queryRunner.connection.options.type`.
 */
export function toPostgres(sql: string): string[] {
  const trigger =
    /^\s*CREATE TRIGGER "(\w+)" BEFORE (INSERT|UPDATE|DELETE) ON "(\w+)" BEGIN SELECT RAISE\(ABORT, '([^']*)'\); END\s*$/i.exec(
      sql,
    );
  if (trigger) {
    const [, name, event, table, message] = trigger;
    return [
      `CREATE FUNCTION "${name}_fn"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`,
      `CREATE TRIGGER "${name}" BEFORE ${event.toUpperCase()} ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${name}_fn"()`,
    ];
  }
  const translated = sql
    .replace(/\binteger PRIMARY KEY AUTOINCREMENT\b/gi, 'SERIAL PRIMARY KEY')
    .replace(/DEFAULT \(datetime\('now'\)\)/gi, 'DEFAULT now()')
    .replace(/\bboolean NOT NULL DEFAULT \(0\)/gi, 'boolean NOT NULL DEFAULT false')
    .replace(/\bboolean NOT NULL DEFAULT \(1\)/gi, 'boolean NOT NULL DEFAULT true')
    .replace(/("\w+" )datetime\b/gi, '$1timestamp');
  if (/AUTOINCREMENT|datetime\(|sqlite_|RAISE\(|\bdatetime\b/i.test(translated)) {
    throw new Error(`no PostgreSQL translation for this SQLite statement: ${sql}`);
  }
  return [translated];
}

/** The table a trigger is on, for PostgreSQL's DROP TRIGGER (which names it). */
async function triggerTable(q: QueryRunner, name: string): Promise<string> {
  const rows = (await q.query(
    'SELECT event_object_table AS "table" FROM information_schema.triggers WHERE trigger_name = $1 LIMIT 1',
    [name],
  )) as { table: string }[];
  if (!rows[0]) throw new Error(`no trigger ${name}`);
  return rows[0].table;
}

/** A QueryRunner whose `query` speaks SQLite DDL to PostgreSQL (for the migrations above). */
function translating(q: QueryRunner): QueryRunner {
  const query = async (sql: string, parameters?: unknown[]): Promise<unknown> => {
    const drop = /^\s*DROP TRIGGER "(\w+)"\s*$/i.exec(sql);
    if (drop) {
      const table = await triggerTable(q, drop[1]);
      await q.query(`DROP TRIGGER "${drop[1]}" ON "${table}"`);
      return q.query(`DROP FUNCTION "${drop[1]}_fn"()`);
    }
    let result: unknown;
    for (const statement of toPostgres(sql)) result = await q.query(statement, parameters);
    return result;
  };
  return new Proxy(q, {
    get: (target, prop, receiver) => (prop === 'query' ? query : Reflect.get(target, prop, receiver)),
  });
}

type MigrationClass = new () => MigrationInterface;

/**
 * A landed SQLite migration that also runs on PostgreSQL: same name (TypeORM records it by name, so a
 * database migrated before this wrapper existed sees nothing new), SQLite statements as written, and on
 * PostgreSQL each statement translated by `toPostgres`.
 */
export function onBothEngines(migration: MigrationClass): MigrationClass {
  const portable = class implements MigrationInterface {
    readonly inner = new migration();
    readonly name = this.inner.name ?? migration.name;

    up(q: QueryRunner): Promise<unknown> {
      return this.inner.up(q.connection.options.type === 'postgres' ? translating(q) : q);
    }

    down(q: QueryRunner): Promise<unknown> {
      return this.inner.down(q.connection.options.type === 'postgres' ? translating(q) : q);
    }
  };
  Object.defineProperty(portable, 'name', { value: migration.name });
  return portable;
}
