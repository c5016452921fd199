import { MigrationInterface, QueryRunner } from 'typeorm';

const AUDIT_TRIGGERS = [
  `CREATE TRIGGER "TRG_audit_entries_no_update" BEFORE UPDATE ON "audit_entries" BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END`,
  `CREATE TRIGGER "TRG_audit_entries_no_delete" BEFORE DELETE ON "audit_entries" BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END`,
];

/**
 * Issue 17, several instances on one database (docs/data.md): events as rows (their id is the SSE id),
 * instances and their heartbeat, the instance holding an outbox row or an idempotency key, one audit chain
 * per pharmacy with its head row (the lock two instances append under, and the chain's length), and the
 * order of acts recorded at the same instant. Written for both engines: SQLite rebuilds a table to add a
 * NOT NULL column (as TypeORM's own SQLite migrations do), PostgreSQL alters it; rows that existed belong to
 * the pharmacy `default`, and each keeps its place (audit `chainSeq` = `seq`, acts in insertion order).
 */
export class SeveralInstances1798100000000 implements MigrationInterface {
  name = 'SeveralInstances1798100000000';

  public async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') return this.upPostgres(q);
    await q.query(
      `CREATE TABLE "events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "pharmacyId" varchar(64) NOT NULL, "terminalId" varchar(64), "type" varchar(32) NOT NULL, "at" datetime NOT NULL, "data" text NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_events_at" ON "events" ("at") `);
    await q.query(`CREATE INDEX "IDX_events_pharmacy_id" ON "events" ("pharmacyId", "id") `);
    await q.query(
      `CREATE TABLE "instances" ("id" varchar(36) PRIMARY KEY NOT NULL, "host" varchar(255) NOT NULL, "pid" integer NOT NULL, "startedAt" datetime NOT NULL, "seenAt" datetime NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "audit_heads" ("pharmacyId" varchar(64) PRIMARY KEY NOT NULL, "chainSeq" integer NOT NULL, "hash" varchar(64) NOT NULL)`,
    );
    // The chain's length is the highest seq ever issued (sqlite_sequence): a tail cut before stays detected.
    await q.query(
      `INSERT INTO "audit_heads" ("pharmacyId", "chainSeq", "hash") SELECT 'default', MAX("seq", COALESCE((SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'audit_entries'), 0)), "hash" FROM "audit_entries" ORDER BY "seq" DESC LIMIT 1`,
    );
    await q.query(`DROP INDEX "IDX_audit_entries_action"`);
    await q.query(`DROP INDEX "IDX_audit_entries_subject"`);
    await q.query(
      `CREATE TABLE "temporary_audit_entries" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" varchar(32) NOT NULL, "actorKind" varchar(16) NOT NULL, "actorRpps" varchar(11), "actorRole" varchar(16), "terminalId" varchar(64), "action" varchar(64) NOT NULL, "subjectType" varchar(32) NOT NULL, "subjectId" varchar(64) NOT NULL, "data" text NOT NULL, "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL, "pharmacyId" varchar(64) NOT NULL, "chainSeq" integer NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "temporary_audit_entries"("seq", "at", "actorKind", "actorRpps", "actorRole", "terminalId", "action", "subjectType", "subjectId", "data", "prevHash", "hash", "pharmacyId", "chainSeq") SELECT "seq", "at", "actorKind", "actorRpps", "actorRole", "terminalId", "action", "subjectType", "subjectId", "data", "prevHash", "hash", 'default', "seq" FROM "audit_entries"`,
    );
    await q.query(`DROP TABLE "audit_entries"`);
    await q.query(`ALTER TABLE "temporary_audit_entries" RENAME TO "audit_entries"`);
    await q.query(`CREATE INDEX "IDX_audit_entries_action" ON "audit_entries" ("action") `);
    await q.query(
      `CREATE INDEX "IDX_audit_entries_subject" ON "audit_entries" ("subjectType", "subjectId") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_audit_entries_chain" ON "audit_entries" ("pharmacyId", "chainSeq") `,
    );
    for (const trigger of AUDIT_TRIGGERS) await q.query(trigger);

    // Nullable columns: added in place on both engines.
    await q.query(`ALTER TABLE "idempotency_keys" ADD COLUMN "owner" varchar(36)`);
    await q.query(`ALTER TABLE "outbox_executions" ADD COLUMN "claimedBy" varchar(36)`);

    await q.query(`DROP INDEX "IDX_dispensation_acts_dispensation_line"`);
    await q.query(`DROP INDEX "IDX_dispensation_acts_dispensation_at"`);
    await q.query(
      `CREATE TABLE "temporary_dispensation_acts" ("id" varchar(36) PRIMARY KEY NOT NULL, "dispensationId" varchar(36) NOT NULL, "lineId" varchar(64), "type" varchar(16) NOT NULL, "body" text NOT NULL, "by" text NOT NULL, "terminalId" varchar(64) NOT NULL, "at" datetime NOT NULL, "cancelledAt" datetime, "seq" integer NOT NULL)`,
    );
    // Acts were read in (at, rowid) order: rowid is their insertion order within a dispensation.
    await q.query(
      `INSERT INTO "temporary_dispensation_acts"("id", "dispensationId", "lineId", "type", "body", "by", "terminalId", "at", "cancelledAt", "seq") SELECT a."id", a."dispensationId", a."lineId", a."type", a."body", a."by", a."terminalId", a."at", a."cancelledAt", (SELECT COUNT(*) FROM "dispensation_acts" b WHERE b."dispensationId" = a."dispensationId" AND b.rowid <= a.rowid) FROM "dispensation_acts" a`,
    );
    await q.query(`DROP TABLE "dispensation_acts"`);
    await q.query(`ALTER TABLE "temporary_dispensation_acts" RENAME TO "dispensation_acts"`);
    await q.query(
      `CREATE INDEX "IDX_dispensation_acts_dispensation_line" ON "dispensation_acts" ("dispensationId", "lineId") `,
    );
    await q.query(
      `CREATE INDEX "IDX_dispensation_acts_dispensation_at" ON "dispensation_acts" ("dispensationId", "at") `,
    );
  }

  private async upPostgres(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "events" ("id" SERIAL NOT NULL, "pharmacyId" character varying(64) NOT NULL, "terminalId" character varying(64), "type" character varying(32) NOT NULL, "at" TIMESTAMP NOT NULL, "data" text NOT NULL, CONSTRAINT "PK_events" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_events_at" ON "events" ("at") `);
    await q.query(`CREATE INDEX "IDX_events_pharmacy_id" ON "events" ("pharmacyId", "id") `);
    await q.query(
      `CREATE TABLE "instances" ("id" character varying(36) NOT NULL, "host" character varying(255) NOT NULL, "pid" integer NOT NULL, "startedAt" TIMESTAMP NOT NULL, "seenAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_instances" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "audit_heads" ("pharmacyId" character varying(64) NOT NULL, "chainSeq" integer NOT NULL, "hash" character varying(64) NOT NULL, CONSTRAINT "PK_audit_heads" PRIMARY KEY ("pharmacyId"))`,
    );
    await q.query(
      `INSERT INTO "audit_heads" ("pharmacyId", "chainSeq", "hash") SELECT 'default', "seq", "hash" FROM "audit_entries" ORDER BY "seq" DESC LIMIT 1`,
    );
    await q.query(`ALTER TABLE "audit_entries" DISABLE TRIGGER "TRG_audit_entries_no_update"`);
    await q.query(
      `ALTER TABLE "audit_entries" ADD "pharmacyId" character varying(64) NOT NULL DEFAULT 'default'`,
    );
    await q.query(`ALTER TABLE "audit_entries" ALTER COLUMN "pharmacyId" DROP DEFAULT`);
    await q.query(`ALTER TABLE "audit_entries" ADD "chainSeq" integer`);
    await q.query(`UPDATE "audit_entries" SET "chainSeq" = "seq"`);
    await q.query(`ALTER TABLE "audit_entries" ALTER COLUMN "chainSeq" SET NOT NULL`);
    await q.query(`ALTER TABLE "audit_entries" ENABLE TRIGGER "TRG_audit_entries_no_update"`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_audit_entries_chain" ON "audit_entries" ("pharmacyId", "chainSeq") `,
    );
    // `seq` is the database's from now on: its sequence starts after the seqs the service wrote itself.
    await q.query(
      `SELECT setval(pg_get_serial_sequence('audit_entries', 'seq'), COALESCE(MAX("seq"), 1), MAX("seq") IS NOT NULL) FROM "audit_entries"`,
    );
    await q.query(`ALTER TABLE "idempotency_keys" ADD "owner" character varying(36)`);
    await q.query(`ALTER TABLE "outbox_executions" ADD "claimedBy" character varying(36)`);
    await q.query(`ALTER TABLE "dispensation_acts" ADD "seq" integer`);
    await q.query(
      `UPDATE "dispensation_acts" a SET "seq" = n."seq" FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "dispensationId" ORDER BY "at", "id") AS "seq" FROM "dispensation_acts") n WHERE n."id" = a."id"`,
    );
    await q.query(`ALTER TABLE "dispensation_acts" ALTER COLUMN "seq" SET NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query(`DROP INDEX "UQ_audit_entries_chain"`);
      await q.query(`ALTER TABLE "dispensation_acts" DROP COLUMN "seq"`);
      await q.query(`ALTER TABLE "outbox_executions" DROP COLUMN "claimedBy"`);
      await q.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "owner"`);
      await q.query(`ALTER TABLE "audit_entries" DROP COLUMN "chainSeq"`);
      await q.query(`ALTER TABLE "audit_entries" DROP COLUMN "pharmacyId"`);
      await q.query(`DROP TABLE "audit_heads"`);
      await q.query(`DROP TABLE "instances"`);
      await q.query(`DROP INDEX "IDX_events_pharmacy_id"`);
      await q.query(`DROP INDEX "IDX_events_at"`);
      await q.query(`DROP TABLE "events"`);
      return;
    }
    await q.query(`DROP INDEX "IDX_dispensation_acts_dispensation_at"`);
    await q.query(`DROP INDEX "IDX_dispensation_acts_dispensation_line"`);
    await q.query(`ALTER TABLE "dispensation_acts" RENAME TO "temporary_dispensation_acts"`);
    await q.query(
      `CREATE TABLE "dispensation_acts" ("id" varchar(36) PRIMARY KEY NOT NULL, "dispensationId" varchar(36) NOT NULL, "lineId" varchar(64), "type" varchar(16) NOT NULL, "body" text NOT NULL, "by" text NOT NULL, "terminalId" varchar(64) NOT NULL, "at" datetime NOT NULL, "cancelledAt" datetime)`,
    );
    await q.query(
      `INSERT INTO "dispensation_acts"("id", "dispensationId", "lineId", "type", "body", "by", "terminalId", "at", "cancelledAt") SELECT "id", "dispensationId", "lineId", "type", "body", "by", "terminalId", "at", "cancelledAt" FROM "temporary_dispensation_acts" ORDER BY "dispensationId", "seq"`,
    );
    await q.query(`DROP TABLE "temporary_dispensation_acts"`);
    await q.query(
      `CREATE INDEX "IDX_dispensation_acts_dispensation_at" ON "dispensation_acts" ("dispensationId", "at") `,
    );
    await q.query(
      `CREATE INDEX "IDX_dispensation_acts_dispensation_line" ON "dispensation_acts" ("dispensationId", "lineId") `,
    );
    await q.query(`ALTER TABLE "outbox_executions" DROP COLUMN "claimedBy"`);
    await q.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "owner"`);
    // Back to one chain: the default pharmacy's entries, whose chainSeq was their seq.
    await q.query(`DROP INDEX "UQ_audit_entries_chain"`);
    await q.query(`DROP INDEX "IDX_audit_entries_subject"`);
    await q.query(`DROP INDEX "IDX_audit_entries_action"`);
    await q.query(`ALTER TABLE "audit_entries" RENAME TO "temporary_audit_entries"`);
    await q.query(
      `CREATE TABLE "audit_entries" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" varchar(32) NOT NULL, "actorKind" varchar(16) NOT NULL, "actorRpps" varchar(11), "actorRole" varchar(16), "terminalId" varchar(64), "action" varchar(64) NOT NULL, "subjectType" varchar(32) NOT NULL, "subjectId" varchar(64) NOT NULL, "data" text NOT NULL, "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "audit_entries"("seq", "at", "actorKind", "actorRpps", "actorRole", "terminalId", "action", "subjectType", "subjectId", "data", "prevHash", "hash") SELECT "chainSeq", "at", "actorKind", "actorRpps", "actorRole", "terminalId", "action", "subjectType", "subjectId", "data", "prevHash", "hash" FROM "temporary_audit_entries" WHERE "pharmacyId" = 'default'`,
    );
    await q.query(`DROP TABLE "temporary_audit_entries"`);
    await q.query(
      `CREATE INDEX "IDX_audit_entries_subject" ON "audit_entries" ("subjectType", "subjectId") `,
    );
    await q.query(`CREATE INDEX "IDX_audit_entries_action" ON "audit_entries" ("action") `);
    for (const trigger of AUDIT_TRIGGERS) await q.query(trigger);
    await q.query(`DROP TABLE "audit_heads"`);
    await q.query(`DROP TABLE "instances"`);
    await q.query(`DROP INDEX "IDX_events_pharmacy_id"`);
    await q.query(`DROP INDEX "IDX_events_at"`);
    await q.query(`DROP TABLE "events"`);
  }
}
