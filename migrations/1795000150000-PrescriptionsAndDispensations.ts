import { MigrationInterface, QueryRunner } from 'typeorm';

export class PrescriptionsAndDispensations1795000150000 implements MigrationInterface {
  name = 'PrescriptionsAndDispensations1795000150000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "prescriptions" ("prescriptionId" varchar(64) PRIMARY KEY NOT NULL, "data" text NOT NULL, "retrievedAt" datetime NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "dispensations" ("id" varchar(36) PRIMARY KEY NOT NULL, "prescriptionId" varchar(64) NOT NULL, "terminalId" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "renewalNumber" integer NOT NULL, "operator" text, "issues" text NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)`,
    );
    await q.query(
      `CREATE INDEX "IDX_dispensations_prescription_status" ON "dispensations" ("prescriptionId", "status") `,
    );
    await q.query(
      `CREATE INDEX "IDX_dispensations_terminal_status" ON "dispensations" ("terminalId", "status") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_dispensations_terminal_status"`);
    await q.query(`DROP INDEX "IDX_dispensations_prescription_status"`);
    await q.query(`DROP TABLE "dispensations"`);
    await q.query(`DROP TABLE "prescriptions"`);
  }
}
