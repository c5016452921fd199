import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff registry, page sessions in the database, and terminal operators by RPPS only (their name and
 * role now come from the registry). Every table carries its pharmacy; rows that existed before belong to
 * the pharmacy `default` (the id when one pharmacy is configured). Operators set before this migration
 * stay set, but resolve only once their RPPS is in the registry: their role came from the request, which
 * is exactly what is no longer trusted.
 */
export class StaffAndSessions1797150000000 implements MigrationInterface {
  name = 'StaffAndSessions1797150000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "staff" ("pharmacyId" varchar(64) NOT NULL, "rpps" varchar(11) NOT NULL, "lastName" varchar(100) NOT NULL, "firstName" varchar(100) NOT NULL, "role" varchar(16) NOT NULL, "codeHash" varchar(200), "failedCodes" integer NOT NULL DEFAULT (0), "lockedUntil" datetime, "updatedAt" datetime NOT NULL, PRIMARY KEY ("pharmacyId", "rpps"))`,
    );
    await q.query(
      `CREATE TABLE "sessions" ("key" varchar(64) PRIMARY KEY NOT NULL, "pharmacyId" varchar(64) NOT NULL, "terminalId" varchar(64) NOT NULL, "role" varchar(16) NOT NULL, "createdAt" datetime NOT NULL, "expiresAt" datetime NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_sessions_expires" ON "sessions" ("expiresAt") `);
    await q.query(
      `CREATE TABLE "terminal_operators_new" ("pharmacyId" varchar(64) NOT NULL, "terminalId" varchar(64) NOT NULL, "rpps" varchar(11) NOT NULL, "updatedAt" datetime NOT NULL, PRIMARY KEY ("pharmacyId", "terminalId"))`,
    );
    await q.query(
      `INSERT INTO "terminal_operators_new" ("pharmacyId", "terminalId", "rpps", "updatedAt") SELECT 'default', "terminalId", "rpps", "updatedAt" FROM "terminal_operators"`,
    );
    await q.query(`DROP TABLE "terminal_operators"`);
    await q.query(`ALTER TABLE "terminal_operators_new" RENAME TO "terminal_operators"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "terminal_operators_old" ("terminalId" varchar(64) PRIMARY KEY NOT NULL, "rpps" varchar(11) NOT NULL, "lastName" varchar(100) NOT NULL, "firstName" varchar(100) NOT NULL, "role" varchar(16) NOT NULL, "updatedAt" datetime NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "terminal_operators_old" ("terminalId", "rpps", "lastName", "firstName", "role", "updatedAt") SELECT o."terminalId", o."rpps", s."lastName", s."firstName", s."role", o."updatedAt" FROM "terminal_operators" o JOIN "staff" s ON s."pharmacyId" = o."pharmacyId" AND s."rpps" = o."rpps" WHERE o."pharmacyId" = 'default'`,
    );
    await q.query(`DROP TABLE "terminal_operators"`);
    await q.query(`ALTER TABLE "terminal_operators_old" RENAME TO "terminal_operators"`);
    await q.query(`DROP INDEX "IDX_sessions_expires"`);
    await q.query(`DROP TABLE "sessions"`);
    await q.query(`DROP TABLE "staff"`);
  }
}
