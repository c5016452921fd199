import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, the prescription's whole life: a dispensation opened without the teleservice (degraded, with
 * its transcription), closed without an execution (abandoned, cancelled, paper) and the patient's INS read
 * at the counter; the price and reimbursement rate of each box; a cancellation names the call it cancels,
 * and a call cancelled unsent gives its number to the cancellation sent instead (one live call per number);
 * the execution reports owed to the complementary insurers (OCT), each row with its pharmacy.
 */
export class PrescriptionLifecycle1798000000000 implements MigrationInterface {
  name = 'PrescriptionLifecycle1798000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "dispensations" ADD COLUMN "degraded" boolean NOT NULL DEFAULT (0)`);
    await q.query(`ALTER TABLE "dispensations" ADD COLUMN "transcription" text`);
    await q.query(`ALTER TABLE "dispensations" ADD COLUMN "closure" text`);
    await q.query(`ALTER TABLE "dispensations" ADD COLUMN "patientIns" text`);
    await q.query(`ALTER TABLE "dispensation_packs" ADD COLUMN "unitPriceCents" integer`);
    await q.query(`ALTER TABLE "dispensation_packs" ADD COLUMN "reimbursementRate" integer`);
    await q.query(`ALTER TABLE "outbox_executions" ADD COLUMN "cancels" integer`);
    await q.query(`DROP INDEX "UQ_outbox_prescription_sequence"`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_outbox_prescription_sequence" ON "outbox_executions" ("prescriptionId", "sequence") WHERE "status" <> 'cancelled'`,
    );
    await q.query(
      `CREATE TABLE "oct_reports" ("id" varchar(36) PRIMARY KEY NOT NULL, "pharmacyId" varchar(64) NOT NULL, "prescriptionId" varchar(64) NOT NULL, "report" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "nextAttemptAt" datetime NOT NULL, "createdAt" datetime NOT NULL, "deliveredAt" datetime)`,
    );
    await q.query(`CREATE INDEX "IDX_oct_reports_status_next" ON "oct_reports" ("status", "nextAttemptAt") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_oct_reports_status_next"`);
    await q.query(`DROP TABLE "oct_reports"`);
    await q.query(`DROP INDEX "UQ_outbox_prescription_sequence"`);
    // Rows that shared a number with the cancellation sent instead cannot stay under the old index.
    await q.query(`DELETE FROM "outbox_executions" WHERE "status" = 'cancelled' AND "kind" <> 'cancellation'
      AND EXISTS (SELECT 1 FROM "outbox_executions" o WHERE o."prescriptionId" = "outbox_executions"."prescriptionId"
      AND o."sequence" = "outbox_executions"."sequence" AND o."id" <> "outbox_executions"."id")`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_outbox_prescription_sequence" ON "outbox_executions" ("prescriptionId", "sequence") `,
    );
    await q.query(`ALTER TABLE "outbox_executions" DROP COLUMN "cancels"`);
    await q.query(`ALTER TABLE "dispensation_packs" DROP COLUMN "reimbursementRate"`);
    await q.query(`ALTER TABLE "dispensation_packs" DROP COLUMN "unitPriceCents"`);
    await q.query(`ALTER TABLE "dispensations" DROP COLUMN "patientIns"`);
    await q.query(`ALTER TABLE "dispensations" DROP COLUMN "closure"`);
    await q.query(`ALTER TABLE "dispensations" DROP COLUMN "transcription"`);
    await q.query(`ALTER TABLE "dispensations" DROP COLUMN "degraded"`);
  }
}
