import { MigrationInterface, QueryRunner } from 'typeorm';

export class DispensationActs1795000800000 implements MigrationInterface {
  name = 'DispensationActs1795000800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "dispensation_acts" ("id" varchar(36) PRIMARY KEY NOT NULL, "dispensationId" varchar(36) NOT NULL, "lineId" varchar(64), "type" varchar(16) NOT NULL, "body" text NOT NULL, "by" text NOT NULL, "terminalId" varchar(64) NOT NULL, "at" datetime NOT NULL, "cancelledAt" datetime)`,
    );
    await q.query(
      `CREATE INDEX "IDX_dispensation_acts_dispensation_at" ON "dispensation_acts" ("dispensationId", "at") `,
    );
    await q.query(
      `CREATE INDEX "IDX_dispensation_acts_dispensation_line" ON "dispensation_acts" ("dispensationId", "lineId") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_dispensation_acts_dispensation_line"`);
    await q.query(`DROP INDEX "IDX_dispensation_acts_dispensation_at"`);
    await q.query(`DROP TABLE "dispensation_acts"`);
  }
}
