import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoiceRejections1796000000000 implements MigrationInterface {
  name = 'InvoiceRejections1796000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "invoice_rejections" ("id" varchar(36) PRIMARY KEY NOT NULL, "invoiceId" varchar(36) NOT NULL, "dispensationId" varchar(36) NOT NULL, "prescriptionId" varchar(64) NOT NULL, "fseNumber" varchar(32) NOT NULL, "billingNumber" varchar(32), "invoiceDate" varchar(10) NOT NULL, "rejectionCode" varchar(32) NOT NULL, "label" varchar(500) NOT NULL, "amountCents" integer, "receivedAt" datetime NOT NULL, "status" varchar(16) NOT NULL, "comment" varchar(1000), "source" varchar(8) NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_invoice_rejections_fse_code_received" ON "invoice_rejections" ("fseNumber", "rejectionCode", "receivedAt") `,
    );
    await q.query(
      `CREATE INDEX "IDX_invoice_rejections_status_received" ON "invoice_rejections" ("status", "receivedAt") `,
    );
    await q.query(
      `CREATE INDEX "IDX_invoice_rejections_prescription" ON "invoice_rejections" ("prescriptionId") `,
    );
    await q.query(
      `CREATE INDEX "IDX_invoice_rejections_dispensation" ON "invoice_rejections" ("dispensationId") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_invoice_rejections_dispensation"`);
    await q.query(`DROP INDEX "IDX_invoice_rejections_prescription"`);
    await q.query(`DROP INDEX "IDX_invoice_rejections_status_received"`);
    await q.query(`DROP INDEX "UQ_invoice_rejections_fse_code_received"`);
    await q.query(`DROP TABLE "invoice_rejections"`);
  }
}
