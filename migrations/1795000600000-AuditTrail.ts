import { MigrationInterface, QueryRunner } from 'typeorm';

// The hash-chained audit trail (src/core/audit); the triggers make the table append-only from SQL too.
export class AuditTrail1795000600000 implements MigrationInterface {
  name = 'AuditTrail1795000600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_entries" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" varchar(32) NOT NULL, "actorKind" varchar(16) NOT NULL, "actorRpps" varchar(11), "actorRole" varchar(16), "terminalId" varchar(64), "action" varchar(64) NOT NULL, "subjectType" varchar(32) NOT NULL, "subjectId" varchar(64) NOT NULL, "data" text NOT NULL, "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL)`,
    );
    await q.query(
      `CREATE INDEX "IDX_audit_entries_subject" ON "audit_entries" ("subjectType", "subjectId") `,
    );
    await q.query(`CREATE INDEX "IDX_audit_entries_action" ON "audit_entries" ("action") `);
    await q.query(
      `CREATE TRIGGER "TRG_audit_entries_no_update" BEFORE UPDATE ON "audit_entries" BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END`,
    );
    await q.query(
      `CREATE TRIGGER "TRG_audit_entries_no_delete" BEFORE DELETE ON "audit_entries" BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_audit_entries_no_delete"`);
    await q.query(`DROP TRIGGER "TRG_audit_entries_no_update"`);
    await q.query(`DROP INDEX "IDX_audit_entries_action"`);
    await q.query(`DROP INDEX "IDX_audit_entries_subject"`);
    await q.query(`DROP TABLE "audit_entries"`);
  }
}
