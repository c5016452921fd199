import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21: the LGO's webhooks and their deliveries. A delivery row is written for each subscribed event and
 * stays `queued` until its receiver answers 2xx: the dispatcher sends the oldest of each (webhook,
 * prescription) first, so a prescription's events arrive in order, and a row sent when the process died is
 * sent again at the next start (at least once).
 */
export class Webhooks1797500000000 implements MigrationInterface {
  name = 'Webhooks1797500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "webhooks" ("id" varchar(36) PRIMARY KEY NOT NULL, "pharmacyId" varchar(64) NOT NULL, "url" varchar(2048) NOT NULL, "events" text NOT NULL, "secret" varchar(256) NOT NULL, "createdAt" datetime NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_webhooks_pharmacy" ON "webhooks" ("pharmacyId") `);
    await q.query(
      `CREATE TABLE "webhook_deliveries" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "id" varchar(36) NOT NULL, "webhookId" varchar(36) NOT NULL, "pharmacyId" varchar(64) NOT NULL, "eventId" varchar(64) NOT NULL, "eventType" varchar(64) NOT NULL, "orderKey" varchar(128) NOT NULL, "body" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime NOT NULL, "lastStatus" integer, "lastError" varchar(500), "deliveredAt" datetime, "createdAt" datetime NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_webhook_deliveries_id" ON "webhook_deliveries" ("id") `);
    await q.query(`CREATE INDEX "IDX_webhook_deliveries_due" ON "webhook_deliveries" ("status", "seq") `);
    await q.query(
      `CREATE INDEX "IDX_webhook_deliveries_webhook" ON "webhook_deliveries" ("webhookId", "seq") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_webhook_deliveries_webhook"`);
    await q.query(`DROP INDEX "IDX_webhook_deliveries_due"`);
    await q.query(`DROP INDEX "IDX_webhook_deliveries_id"`);
    await q.query(`DROP TABLE "webhook_deliveries"`);
    await q.query(`DROP INDEX "IDX_webhooks_pharmacy"`);
    await q.query(`DROP TABLE "webhooks"`);
  }
}
