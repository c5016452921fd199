import { MigrationInterface, QueryRunner } from 'typeorm';

export class DispensationPacks1795000500000 implements MigrationInterface {
  name = 'DispensationPacks1795000500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "dispensation_packs" ("packId" varchar(36) PRIMARY KEY NOT NULL, "dispensationId" varchar(36) NOT NULL, "seq" integer NOT NULL, "kind" varchar(8) NOT NULL, "lineId" varchar(64), "assignedBy" varchar(8), "cip13" varchar(13), "code" varchar(14), "cis" varchar(8), "label" varchar(255) NOT NULL, "expiry" varchar(10), "lot" varchar(20), "serial" varchar(20), "quantity" integer NOT NULL, "scanId" varchar(36), "comment" varchar(500), "createdAt" datetime NOT NULL)`,
    );
    await q.query(
      `CREATE INDEX "IDX_dispensation_packs_dispensation" ON "dispensation_packs" ("dispensationId", "seq") `,
    );
    await q.query(`CREATE INDEX "IDX_dispensation_packs_serial" ON "dispensation_packs" ("serial") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_dispensation_packs_serial"`);
    await q.query(`DROP INDEX "IDX_dispensation_packs_dispensation"`);
    await q.query(`DROP TABLE "dispensation_packs"`);
  }
}
