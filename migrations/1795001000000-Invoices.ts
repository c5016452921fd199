import { MigrationInterface, QueryRunner } from 'typeorm';

export class Invoices1795001000000 implements MigrationInterface {
  name = 'Invoices1795001000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "invoices" ("id" varchar(36) PRIMARY KEY NOT NULL, "dispensationId" varchar(36) NOT NULL, "prescriptionId" varchar(64) NOT NULL, "fseNumber" varchar(32) NOT NULL, "billingNumber" varchar(32), "invoicedAt" datetime NOT NULL, "amountCents" integer, "override" text, "postInvoiceExecutionId" varchar(36) NOT NULL, "createdAt" datetime NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_invoices_fse" ON "invoices" ("fseNumber") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_invoices_dispensation" ON "invoices" ("dispensationId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_invoices_dispensation"`);
    await q.query(`DROP INDEX "IDX_invoices_fse"`);
    await q.query(`DROP TABLE "invoices"`);
  }
}
