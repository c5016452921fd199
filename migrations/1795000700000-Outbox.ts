import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1795000700000 implements MigrationInterface {
  name = 'Outbox1795000700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "outbox_executions" ("id" varchar(36) PRIMARY KEY NOT NULL, "prescriptionId" varchar(64) NOT NULL, "sequence" integer NOT NULL, "kind" varchar(16) NOT NULL, "dispensationId" varchar(36), "payload" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "acknowledgement" text, "acknowledgedAt" datetime, "nextAttemptAt" datetime NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_outbox_prescription_sequence" ON "outbox_executions" ("prescriptionId", "sequence") `,
    );
    await q.query(
      `CREATE INDEX "IDX_outbox_status_next" ON "outbox_executions" ("status", "nextAttemptAt") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_outbox_status_next"`);
    await q.query(`DROP INDEX "UQ_outbox_prescription_sequence"`);
    await q.query(`DROP TABLE "outbox_executions"`);
  }
}
