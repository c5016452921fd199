import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795000000000 implements MigrationInterface {
  name = 'Foundation1795000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "idempotency_keys" ("scopedKey" varchar(330) PRIMARY KEY NOT NULL, "requestHash" varchar(64) NOT NULL, "state" varchar(16) NOT NULL, "status" integer, "body" text, "contentType" varchar(100), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE TABLE "scans" ("id" varchar(36) PRIMARY KEY NOT NULL, "terminalId" varchar(64), "deviceId" varchar(128), "source" varchar(16) NOT NULL, "kind" varchar(32) NOT NULL, "symbology" varchar(32), "parsed" text NOT NULL, "warnings" text NOT NULL, "createdAt" datetime NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_scans_terminal_created" ON "scans" ("terminalId", "createdAt") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_scans_terminal_created"`);
    await q.query(`DROP TABLE "scans"`);
    await q.query(`DROP TABLE "idempotency_keys"`);
  }
}
