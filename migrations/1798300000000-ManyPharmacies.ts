import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, many pharmacies (docs/data.md § Many pharmacies): every table that lacked it carries its
 * pharmacy (`pharmacyId`), the medicines referential (national) and `instances` (a process serves every
 * pharmacy) aside. Rows that existed belong to the pharmacy `default`, the id of a configuration's single
 * `pharmacy:` block without `id` (as StaffAndSessions and SeveralInstances did for their tables); at start
 * a service configured with one pharmacy of another id takes them over (PharmacyRows.adopt). What was
 * unique across the database becomes unique per pharmacy: the prescriptions cache (two pharmacies may
 * both retrieve one national prescription), idempotency keys, an outbox sequence (per prescription and per
 * executing pharmacy, API.md), an FSE's rejection. Written for both engines: SQLite rebuilds each table
 * (as TypeORM's own SQLite migrations do), PostgreSQL alters it. Down works while the rows of only one
 * pharmacy share a prescription id or an idempotency key (the old primary keys refuse anything else).
 */
export class ManyPharmacies1798300000000 implements MigrationInterface {
  name = 'ManyPharmacies1798300000000';

  public async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') return this.upPostgres(q);
    await q.query(`DROP INDEX "UQ_invoice_rejections_fse_code_received"`);
    await q.query(`DROP INDEX "UQ_outbox_prescription_sequence"`);
    await q.query(`DROP INDEX "IDX_dispensations_prescription_status"`);
    await q.query(`DROP INDEX "IDX_invoices_fse"`);
    await q.query(`DROP INDEX "IDX_prescriptions_patient"`);
    await q.query(`DROP INDEX "IDX_invoice_rejections_dispensation"`);
    await q.query(`DROP INDEX "IDX_invoice_rejections_prescription"`);
    await q.query(`DROP INDEX "IDX_invoice_rejections_status_received"`);
    await q.query(
      `CREATE TABLE "temporary_invoice_rejections" ("id" varchar(36) PRIMARY KEY NOT NULL, "invoiceId" varchar(36) NOT NULL, "dispensationId" varchar(36) NOT NULL, "prescriptionId" varchar(64) NOT NULL, "fseNumber" varchar(32) NOT NULL, "billingNumber" varchar(32), "invoiceDate" varchar(10) NOT NULL, "rejectionCode" varchar(32) NOT NULL, "label" varchar(500) NOT NULL, "amountCents" integer, "receivedAt" datetime NOT NULL, "status" varchar(16) NOT NULL, "comment" varchar(1000), "source" varchar(8) NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL, "pharmacyId" varchar(64) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "temporary_invoice_rejections"("id", "invoiceId", "dispensationId", "prescriptionId", "fseNumber", "billingNumber", "invoiceDate", "rejectionCode", "label", "amountCents", "receivedAt", "status", "comment", "source", "createdAt", "updatedAt", "pharmacyId") SELECT "id", "invoiceId", "dispensationId", "prescriptionId", "fseNumber", "billingNumber", "invoiceDate", "rejectionCode", "label", "amountCents", "receivedAt", "status", "comment", "source", "createdAt", "updatedAt", 'default' FROM "invoice_rejections"`,
    );
    await q.query(`DROP TABLE "invoice_rejections"`);
    await q.query(`ALTER TABLE "temporary_invoice_rejections" RENAME TO "invoice_rejections"`);
    await q.query(
      `CREATE INDEX "IDX_invoice_rejections_dispensation" ON "invoice_rejections" ("dispensationId")`,
    );
    await q.query(
      `CREATE INDEX "IDX_invoice_rejections_prescription" ON "invoice_rejections" ("prescriptionId")`,
    );
    await q.query(
      `CREATE INDEX "IDX_invoice_rejections_status_received" ON "invoice_rejections" ("status", "receivedAt")`,
    );
    await q.query(
      `CREATE TABLE "temporary_idempotency_keys" ("scopedKey" varchar(330) NOT NULL, "requestHash" varchar(64) NOT NULL, "state" varchar(16) NOT NULL, "status" integer, "body" text, "contentType" varchar(100), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "owner" varchar(36), "pharmacyId" varchar(64) NOT NULL, PRIMARY KEY ("scopedKey", "pharmacyId"))`,
    );
    await q.query(
      `INSERT INTO "temporary_idempotency_keys"("scopedKey", "requestHash", "state", "status", "body", "contentType", "createdAt", "owner", "pharmacyId") SELECT "scopedKey", "requestHash", "state", "status", "body", "contentType", "createdAt", "owner", 'default' FROM "idempotency_keys"`,
    );
    await q.query(`DROP TABLE "idempotency_keys"`);
    await q.query(`ALTER TABLE "temporary_idempotency_keys" RENAME TO "idempotency_keys"`);
    await q.query(`DROP INDEX "IDX_outbox_status_next"`);
    await q.query(
      `CREATE TABLE "temporary_outbox_executions" ("id" varchar(36) PRIMARY KEY NOT NULL, "prescriptionId" varchar(64) NOT NULL, "sequence" integer NOT NULL, "kind" varchar(16) NOT NULL, "dispensationId" varchar(36), "payload" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "acknowledgement" text, "acknowledgedAt" datetime, "nextAttemptAt" datetime NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL, "cancels" integer, "claimedBy" varchar(36), "pharmacyId" varchar(64) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "temporary_outbox_executions"("id", "prescriptionId", "sequence", "kind", "dispensationId", "payload", "status", "attempts", "lastError", "acknowledgement", "acknowledgedAt", "nextAttemptAt", "createdAt", "updatedAt", "cancels", "claimedBy", "pharmacyId") SELECT "id", "prescriptionId", "sequence", "kind", "dispensationId", "payload", "status", "attempts", "lastError", "acknowledgement", "acknowledgedAt", "nextAttemptAt", "createdAt", "updatedAt", "cancels", "claimedBy", 'default' FROM "outbox_executions"`,
    );
    await q.query(`DROP TABLE "outbox_executions"`);
    await q.query(`ALTER TABLE "temporary_outbox_executions" RENAME TO "outbox_executions"`);
    await q.query(`CREATE INDEX "IDX_outbox_status_next" ON "outbox_executions" ("status", "nextAttemptAt")`);
    await q.query(`DROP INDEX "IDX_dispensation_acts_dispensation_at"`);
    await q.query(`DROP INDEX "IDX_dispensation_acts_dispensation_line"`);
    await q.query(
      `CREATE TABLE "temporary_dispensation_acts" ("id" varchar(36) PRIMARY KEY NOT NULL, "dispensationId" varchar(36) NOT NULL, "lineId" varchar(64), "type" varchar(16) NOT NULL, "body" text NOT NULL, "by" text NOT NULL, "terminalId" varchar(64) NOT NULL, "at" datetime NOT NULL, "cancelledAt" datetime, "seq" integer NOT NULL, "pharmacyId" varchar(64) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "temporary_dispensation_acts"("id", "dispensationId", "lineId", "type", "body", "by", "terminalId", "at", "cancelledAt", "seq", "pharmacyId") SELECT "id", "dispensationId", "lineId", "type", "body", "by", "terminalId", "at", "cancelledAt", "seq", 'default' FROM "dispensation_acts"`,
    );
    await q.query(`DROP TABLE "dispensation_acts"`);
    await q.query(`ALTER TABLE "temporary_dispensation_acts" RENAME TO "dispensation_acts"`);
    await q.query(
      `CREATE INDEX "IDX_dispensation_acts_dispensation_at" ON "dispensation_acts" ("dispensationId", "at")`,
    );
    await q.query(
      `CREATE INDEX "IDX_dispensation_acts_dispensation_line" ON "dispensation_acts" ("dispensationId", "lineId")`,
    );
    await q.query(`DROP INDEX "IDX_dispensation_packs_serial"`);
    await q.query(`DROP INDEX "IDX_dispensation_packs_dispensation"`);
    await q.query(
      `CREATE TABLE "temporary_dispensation_packs" ("packId" varchar(36) PRIMARY KEY NOT NULL, "dispensationId" varchar(36) NOT NULL, "seq" integer NOT NULL, "kind" varchar(8) NOT NULL, "lineId" varchar(64), "assignedBy" varchar(8), "cip13" varchar(13), "code" varchar(14), "cis" varchar(8), "label" varchar(255) NOT NULL, "expiry" varchar(10), "lot" varchar(20), "serial" varchar(20), "quantity" integer NOT NULL, "scanId" varchar(36), "comment" varchar(500), "createdAt" datetime NOT NULL, "units" integer, "unitPriceCents" integer, "reimbursementRate" integer, "pharmacyId" varchar(64) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "temporary_dispensation_packs"("packId", "dispensationId", "seq", "kind", "lineId", "assignedBy", "cip13", "code", "cis", "label", "expiry", "lot", "serial", "quantity", "scanId", "comment", "createdAt", "units", "unitPriceCents", "reimbursementRate", "pharmacyId") SELECT "packId", "dispensationId", "seq", "kind", "lineId", "assignedBy", "cip13", "code", "cis", "label", "expiry", "lot", "serial", "quantity", "scanId", "comment", "createdAt", "units", "unitPriceCents", "reimbursementRate", 'default' FROM "dispensation_packs"`,
    );
    await q.query(`DROP TABLE "dispensation_packs"`);
    await q.query(`ALTER TABLE "temporary_dispensation_packs" RENAME TO "dispensation_packs"`);
    await q.query(`CREATE INDEX "IDX_dispensation_packs_serial" ON "dispensation_packs" ("serial")`);
    await q.query(
      `CREATE INDEX "IDX_dispensation_packs_dispensation" ON "dispensation_packs" ("dispensationId", "seq")`,
    );
    await q.query(`DROP INDEX "IDX_dispensations_terminal_status"`);
    await q.query(
      `CREATE TABLE "temporary_dispensations" ("id" varchar(36) PRIMARY KEY NOT NULL, "prescriptionId" varchar(64) NOT NULL, "terminalId" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "renewalNumber" integer NOT NULL, "operator" text, "issues" text NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL, "degraded" boolean NOT NULL DEFAULT (0), "transcription" text, "closure" text, "patientIns" text, "pharmacyId" varchar(64) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "temporary_dispensations"("id", "prescriptionId", "terminalId", "status", "renewalNumber", "operator", "issues", "createdAt", "updatedAt", "degraded", "transcription", "closure", "patientIns", "pharmacyId") SELECT "id", "prescriptionId", "terminalId", "status", "renewalNumber", "operator", "issues", "createdAt", "updatedAt", "degraded", "transcription", "closure", "patientIns", 'default' FROM "dispensations"`,
    );
    await q.query(`DROP TABLE "dispensations"`);
    await q.query(`ALTER TABLE "temporary_dispensations" RENAME TO "dispensations"`);
    await q.query(
      `CREATE INDEX "IDX_dispensations_terminal_status" ON "dispensations" ("terminalId", "status")`,
    );
    await q.query(
      `CREATE TABLE "temporary_intervention_favourites" ("id" varchar(36) PRIMARY KEY NOT NULL, "label" varchar(100) NOT NULL, "problemCode" varchar(8) NOT NULL, "interventionCode" varchar(8) NOT NULL, "outcome" varchar(8), "comment" varchar(500), "createdAt" datetime NOT NULL, "pharmacyId" varchar(64) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "temporary_intervention_favourites"("id", "label", "problemCode", "interventionCode", "outcome", "comment", "createdAt", "pharmacyId") SELECT "id", "label", "problemCode", "interventionCode", "outcome", "comment", "createdAt", 'default' FROM "intervention_favourites"`,
    );
    await q.query(`DROP TABLE "intervention_favourites"`);
    await q.query(`ALTER TABLE "temporary_intervention_favourites" RENAME TO "intervention_favourites"`);
    await q.query(`DROP INDEX "UQ_invoices_dispensation"`);
    await q.query(
      `CREATE TABLE "temporary_invoices" ("id" varchar(36) PRIMARY KEY NOT NULL, "dispensationId" varchar(36) NOT NULL, "prescriptionId" varchar(64) NOT NULL, "fseNumber" varchar(32) NOT NULL, "billingNumber" varchar(32), "invoicedAt" datetime NOT NULL, "amountCents" integer, "override" text, "postInvoiceExecutionId" varchar(36) NOT NULL, "createdAt" datetime NOT NULL, "pharmacyId" varchar(64) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "temporary_invoices"("id", "dispensationId", "prescriptionId", "fseNumber", "billingNumber", "invoicedAt", "amountCents", "override", "postInvoiceExecutionId", "createdAt", "pharmacyId") SELECT "id", "dispensationId", "prescriptionId", "fseNumber", "billingNumber", "invoicedAt", "amountCents", "override", "postInvoiceExecutionId", "createdAt", 'default' FROM "invoices"`,
    );
    await q.query(`DROP TABLE "invoices"`);
    await q.query(`ALTER TABLE "temporary_invoices" RENAME TO "invoices"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_invoices_dispensation" ON "invoices" ("dispensationId")`);
    await q.query(
      `CREATE TABLE "temporary_prescriptions" ("prescriptionId" varchar(64) NOT NULL, "data" text NOT NULL, "retrievedAt" datetime NOT NULL, "patientKey" varchar(64), "prescriberRpps" varchar(32), "pharmacyId" varchar(64) NOT NULL, PRIMARY KEY ("prescriptionId", "pharmacyId"))`,
    );
    await q.query(
      `INSERT INTO "temporary_prescriptions"("prescriptionId", "data", "retrievedAt", "patientKey", "prescriberRpps", "pharmacyId") SELECT "prescriptionId", "data", "retrievedAt", "patientKey", "prescriberRpps", 'default' FROM "prescriptions"`,
    );
    await q.query(`DROP TABLE "prescriptions"`);
    await q.query(`ALTER TABLE "temporary_prescriptions" RENAME TO "prescriptions"`);
    await q.query(`DROP INDEX "IDX_scans_terminal_created"`);
    await q.query(
      `CREATE TABLE "temporary_scans" ("id" varchar(36) PRIMARY KEY NOT NULL, "terminalId" varchar(64), "deviceId" varchar(128), "source" varchar(16) NOT NULL, "kind" varchar(32) NOT NULL, "symbology" varchar(32), "parsed" text NOT NULL, "warnings" text NOT NULL, "createdAt" datetime NOT NULL, "pharmacyId" varchar(64) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "temporary_scans"("id", "terminalId", "deviceId", "source", "kind", "symbology", "parsed", "warnings", "createdAt", "pharmacyId") SELECT "id", "terminalId", "deviceId", "source", "kind", "symbology", "parsed", "warnings", "createdAt", 'default' FROM "scans"`,
    );
    await q.query(`DROP TABLE "scans"`);
    await q.query(`ALTER TABLE "temporary_scans" RENAME TO "scans"`);
    await q.query(`CREATE INDEX "IDX_scans_terminal_created" ON "scans" ("terminalId", "createdAt")`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_invoice_rejections_fse_code_received" ON "invoice_rejections" ("pharmacyId", "fseNumber", "rejectionCode", "receivedAt")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_outbox_prescription_sequence" ON "outbox_executions" ("pharmacyId", "prescriptionId", "sequence") WHERE "status" <> 'cancelled'`,
    );
    await q.query(
      `CREATE INDEX "IDX_dispensations_prescription_status" ON "dispensations" ("pharmacyId", "prescriptionId", "status")`,
    );
    await q.query(`CREATE INDEX "IDX_invoices_fse" ON "invoices" ("pharmacyId", "fseNumber")`);
    await q.query(`CREATE INDEX "IDX_prescriptions_patient" ON "prescriptions" ("pharmacyId", "patientKey")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') return this.downPostgres(q);
    await q.query(`DROP INDEX "IDX_prescriptions_patient"`);
    await q.query(`DROP INDEX "IDX_invoices_fse"`);
    await q.query(`DROP INDEX "IDX_dispensations_prescription_status"`);
    await q.query(`DROP INDEX "UQ_outbox_prescription_sequence"`);
    await q.query(`DROP INDEX "UQ_invoice_rejections_fse_code_received"`);
    await q.query(`DROP INDEX "IDX_scans_terminal_created"`);
    await q.query(`ALTER TABLE "scans" RENAME TO "temporary_scans"`);
    await q.query(
      `CREATE TABLE "scans" ("id" varchar(36) PRIMARY KEY NOT NULL, "terminalId" varchar(64), "deviceId" varchar(128), "source" varchar(16) NOT NULL, "kind" varchar(32) NOT NULL, "symbology" varchar(32), "parsed" text NOT NULL, "warnings" text NOT NULL, "createdAt" datetime NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "scans"("id", "terminalId", "deviceId", "source", "kind", "symbology", "parsed", "warnings", "createdAt") SELECT "id", "terminalId", "deviceId", "source", "kind", "symbology", "parsed", "warnings", "createdAt" FROM "temporary_scans"`,
    );
    await q.query(`DROP TABLE "temporary_scans"`);
    await q.query(`CREATE INDEX "IDX_scans_terminal_created" ON "scans" ("terminalId", "createdAt")`);
    await q.query(`ALTER TABLE "prescriptions" RENAME TO "temporary_prescriptions"`);
    await q.query(
      `CREATE TABLE "prescriptions" ("prescriptionId" varchar(64) PRIMARY KEY NOT NULL, "data" text NOT NULL, "retrievedAt" datetime NOT NULL, "patientKey" varchar(64), "prescriberRpps" varchar(32))`,
    );
    await q.query(
      `INSERT INTO "prescriptions"("prescriptionId", "data", "retrievedAt", "patientKey", "prescriberRpps") SELECT "prescriptionId", "data", "retrievedAt", "patientKey", "prescriberRpps" FROM "temporary_prescriptions"`,
    );
    await q.query(`DROP TABLE "temporary_prescriptions"`);
    await q.query(`DROP INDEX "UQ_invoices_dispensation"`);
    await q.query(`ALTER TABLE "invoices" RENAME TO "temporary_invoices"`);
    await q.query(
      `CREATE TABLE "invoices" ("id" varchar(36) PRIMARY KEY NOT NULL, "dispensationId" varchar(36) NOT NULL, "prescriptionId" varchar(64) NOT NULL, "fseNumber" varchar(32) NOT NULL, "billingNumber" varchar(32), "invoicedAt" datetime NOT NULL, "amountCents" integer, "override" text, "postInvoiceExecutionId" varchar(36) NOT NULL, "createdAt" datetime NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "invoices"("id", "dispensationId", "prescriptionId", "fseNumber", "billingNumber", "invoicedAt", "amountCents", "override", "postInvoiceExecutionId", "createdAt") SELECT "id", "dispensationId", "prescriptionId", "fseNumber", "billingNumber", "invoicedAt", "amountCents", "override", "postInvoiceExecutionId", "createdAt" FROM "temporary_invoices"`,
    );
    await q.query(`DROP TABLE "temporary_invoices"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_invoices_dispensation" ON "invoices" ("dispensationId")`);
    await q.query(`ALTER TABLE "intervention_favourites" RENAME TO "temporary_intervention_favourites"`);
    await q.query(
      `CREATE TABLE "intervention_favourites" ("id" varchar(36) PRIMARY KEY NOT NULL, "label" varchar(100) NOT NULL, "problemCode" varchar(8) NOT NULL, "interventionCode" varchar(8) NOT NULL, "outcome" varchar(8), "comment" varchar(500), "createdAt" datetime NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "intervention_favourites"("id", "label", "problemCode", "interventionCode", "outcome", "comment", "createdAt") SELECT "id", "label", "problemCode", "interventionCode", "outcome", "comment", "createdAt" FROM "temporary_intervention_favourites"`,
    );
    await q.query(`DROP TABLE "temporary_intervention_favourites"`);
    await q.query(`DROP INDEX "IDX_dispensations_terminal_status"`);
    await q.query(`ALTER TABLE "dispensations" RENAME TO "temporary_dispensations"`);
    await q.query(
      `CREATE TABLE "dispensations" ("id" varchar(36) PRIMARY KEY NOT NULL, "prescriptionId" varchar(64) NOT NULL, "terminalId" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "renewalNumber" integer NOT NULL, "operator" text, "issues" text NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL, "degraded" boolean NOT NULL DEFAULT (0), "transcription" text, "closure" text, "patientIns" text)`,
    );
    await q.query(
      `INSERT INTO "dispensations"("id", "prescriptionId", "terminalId", "status", "renewalNumber", "operator", "issues", "createdAt", "updatedAt", "degraded", "transcription", "closure", "patientIns") SELECT "id", "prescriptionId", "terminalId", "status", "renewalNumber", "operator", "issues", "createdAt", "updatedAt", "degraded", "transcription", "closure", "patientIns" FROM "temporary_dispensations"`,
    );
    await q.query(`DROP TABLE "temporary_dispensations"`);
    await q.query(
      `CREATE INDEX "IDX_dispensations_terminal_status" ON "dispensations" ("terminalId", "status")`,
    );
    await q.query(`DROP INDEX "IDX_dispensation_packs_dispensation"`);
    await q.query(`DROP INDEX "IDX_dispensation_packs_serial"`);
    await q.query(`ALTER TABLE "dispensation_packs" RENAME TO "temporary_dispensation_packs"`);
    await q.query(
      `CREATE TABLE "dispensation_packs" ("packId" varchar(36) PRIMARY KEY NOT NULL, "dispensationId" varchar(36) NOT NULL, "seq" integer NOT NULL, "kind" varchar(8) NOT NULL, "lineId" varchar(64), "assignedBy" varchar(8), "cip13" varchar(13), "code" varchar(14), "cis" varchar(8), "label" varchar(255) NOT NULL, "expiry" varchar(10), "lot" varchar(20), "serial" varchar(20), "quantity" integer NOT NULL, "scanId" varchar(36), "comment" varchar(500), "createdAt" datetime NOT NULL, "units" integer, "unitPriceCents" integer, "reimbursementRate" integer)`,
    );
    await q.query(
      `INSERT INTO "dispensation_packs"("packId", "dispensationId", "seq", "kind", "lineId", "assignedBy", "cip13", "code", "cis", "label", "expiry", "lot", "serial", "quantity", "scanId", "comment", "createdAt", "units", "unitPriceCents", "reimbursementRate") SELECT "packId", "dispensationId", "seq", "kind", "lineId", "assignedBy", "cip13", "code", "cis", "label", "expiry", "lot", "serial", "quantity", "scanId", "comment", "createdAt", "units", "unitPriceCents", "reimbursementRate" FROM "temporary_dispensation_packs"`,
    );
    await q.query(`DROP TABLE "temporary_dispensation_packs"`);
    await q.query(
      `CREATE INDEX "IDX_dispensation_packs_dispensation" ON "dispensation_packs" ("dispensationId", "seq")`,
    );
    await q.query(`CREATE INDEX "IDX_dispensation_packs_serial" ON "dispensation_packs" ("serial")`);
    await q.query(`DROP INDEX "IDX_dispensation_acts_dispensation_line"`);
    await q.query(`DROP INDEX "IDX_dispensation_acts_dispensation_at"`);
    await q.query(`ALTER TABLE "dispensation_acts" RENAME TO "temporary_dispensation_acts"`);
    await q.query(
      `CREATE TABLE "dispensation_acts" ("id" varchar(36) PRIMARY KEY NOT NULL, "dispensationId" varchar(36) NOT NULL, "lineId" varchar(64), "type" varchar(16) NOT NULL, "body" text NOT NULL, "by" text NOT NULL, "terminalId" varchar(64) NOT NULL, "at" datetime NOT NULL, "cancelledAt" datetime, "seq" integer NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "dispensation_acts"("id", "dispensationId", "lineId", "type", "body", "by", "terminalId", "at", "cancelledAt", "seq") SELECT "id", "dispensationId", "lineId", "type", "body", "by", "terminalId", "at", "cancelledAt", "seq" FROM "temporary_dispensation_acts"`,
    );
    await q.query(`DROP TABLE "temporary_dispensation_acts"`);
    await q.query(
      `CREATE INDEX "IDX_dispensation_acts_dispensation_line" ON "dispensation_acts" ("dispensationId", "lineId")`,
    );
    await q.query(
      `CREATE INDEX "IDX_dispensation_acts_dispensation_at" ON "dispensation_acts" ("dispensationId", "at")`,
    );
    await q.query(`DROP INDEX "IDX_outbox_status_next"`);
    await q.query(`ALTER TABLE "outbox_executions" RENAME TO "temporary_outbox_executions"`);
    await q.query(
      `CREATE TABLE "outbox_executions" ("id" varchar(36) PRIMARY KEY NOT NULL, "prescriptionId" varchar(64) NOT NULL, "sequence" integer NOT NULL, "kind" varchar(16) NOT NULL, "dispensationId" varchar(36), "payload" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "acknowledgement" text, "acknowledgedAt" datetime, "nextAttemptAt" datetime NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL, "cancels" integer, "claimedBy" varchar(36))`,
    );
    await q.query(
      `INSERT INTO "outbox_executions"("id", "prescriptionId", "sequence", "kind", "dispensationId", "payload", "status", "attempts", "lastError", "acknowledgement", "acknowledgedAt", "nextAttemptAt", "createdAt", "updatedAt", "cancels", "claimedBy") SELECT "id", "prescriptionId", "sequence", "kind", "dispensationId", "payload", "status", "attempts", "lastError", "acknowledgement", "acknowledgedAt", "nextAttemptAt", "createdAt", "updatedAt", "cancels", "claimedBy" FROM "temporary_outbox_executions"`,
    );
    await q.query(`DROP TABLE "temporary_outbox_executions"`);
    await q.query(`CREATE INDEX "IDX_outbox_status_next" ON "outbox_executions" ("status", "nextAttemptAt")`);
    await q.query(`ALTER TABLE "idempotency_keys" RENAME TO "temporary_idempotency_keys"`);
    await q.query(
      `CREATE TABLE "idempotency_keys" ("scopedKey" varchar(330) PRIMARY KEY NOT NULL, "requestHash" varchar(64) NOT NULL, "state" varchar(16) NOT NULL, "status" integer, "body" text, "contentType" varchar(100), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "owner" varchar(36))`,
    );
    await q.query(
      `INSERT INTO "idempotency_keys"("scopedKey", "requestHash", "state", "status", "body", "contentType", "createdAt", "owner") SELECT "scopedKey", "requestHash", "state", "status", "body", "contentType", "createdAt", "owner" FROM "temporary_idempotency_keys"`,
    );
    await q.query(`DROP TABLE "temporary_idempotency_keys"`);
    await q.query(`DROP INDEX "IDX_invoice_rejections_status_received"`);
    await q.query(`DROP INDEX "IDX_invoice_rejections_prescription"`);
    await q.query(`DROP INDEX "IDX_invoice_rejections_dispensation"`);
    await q.query(`ALTER TABLE "invoice_rejections" RENAME TO "temporary_invoice_rejections"`);
    await q.query(
      `CREATE TABLE "invoice_rejections" ("id" varchar(36) PRIMARY KEY NOT NULL, "invoiceId" varchar(36) NOT NULL, "dispensationId" varchar(36) NOT NULL, "prescriptionId" varchar(64) NOT NULL, "fseNumber" varchar(32) NOT NULL, "billingNumber" varchar(32), "invoiceDate" varchar(10) NOT NULL, "rejectionCode" varchar(32) NOT NULL, "label" varchar(500) NOT NULL, "amountCents" integer, "receivedAt" datetime NOT NULL, "status" varchar(16) NOT NULL, "comment" varchar(1000), "source" varchar(8) NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "invoice_rejections"("id", "invoiceId", "dispensationId", "prescriptionId", "fseNumber", "billingNumber", "invoiceDate", "rejectionCode", "label", "amountCents", "receivedAt", "status", "comment", "source", "createdAt", "updatedAt") SELECT "id", "invoiceId", "dispensationId", "prescriptionId", "fseNumber", "billingNumber", "invoiceDate", "rejectionCode", "label", "amountCents", "receivedAt", "status", "comment", "source", "createdAt", "updatedAt" FROM "temporary_invoice_rejections"`,
    );
    await q.query(`DROP TABLE "temporary_invoice_rejections"`);
    await q.query(
      `CREATE INDEX "IDX_invoice_rejections_status_received" ON "invoice_rejections" ("status", "receivedAt")`,
    );
    await q.query(
      `CREATE INDEX "IDX_invoice_rejections_prescription" ON "invoice_rejections" ("prescriptionId")`,
    );
    await q.query(
      `CREATE INDEX "IDX_invoice_rejections_dispensation" ON "invoice_rejections" ("dispensationId")`,
    );
    await q.query(`CREATE INDEX "IDX_prescriptions_patient" ON "prescriptions" ("patientKey")`);
    await q.query(`CREATE INDEX "IDX_invoices_fse" ON "invoices" ("fseNumber")`);
    await q.query(
      `CREATE INDEX "IDX_dispensations_prescription_status" ON "dispensations" ("prescriptionId", "status")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_outbox_prescription_sequence" ON "outbox_executions" ("prescriptionId", "sequence") WHERE "status" <> 'cancelled'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_invoice_rejections_fse_code_received" ON "invoice_rejections" ("fseNumber", "rejectionCode", "receivedAt")`,
    );
  }

  private async upPostgres(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_invoice_rejections_fse_code_received"`);
    await q.query(`DROP INDEX "UQ_outbox_prescription_sequence"`);
    await q.query(`DROP INDEX "IDX_dispensations_prescription_status"`);
    await q.query(`DROP INDEX "IDX_invoices_fse"`);
    await q.query(`DROP INDEX "IDX_prescriptions_patient"`);
    await q.query(
      `ALTER TABLE "invoice_rejections" ADD "pharmacyId" character varying(64) NOT NULL DEFAULT 'default'`,
    );
    await q.query(
      `ALTER TABLE "idempotency_keys" ADD "pharmacyId" character varying(64) NOT NULL DEFAULT 'default'`,
    );
    await q.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_pkey"`);
    await q.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("scopedKey", "pharmacyId")`,
    );
    await q.query(
      `ALTER TABLE "outbox_executions" ADD "pharmacyId" character varying(64) NOT NULL DEFAULT 'default'`,
    );
    await q.query(
      `ALTER TABLE "dispensation_acts" ADD "pharmacyId" character varying(64) NOT NULL DEFAULT 'default'`,
    );
    await q.query(
      `ALTER TABLE "dispensation_packs" ADD "pharmacyId" character varying(64) NOT NULL DEFAULT 'default'`,
    );
    await q.query(
      `ALTER TABLE "dispensations" ADD "pharmacyId" character varying(64) NOT NULL DEFAULT 'default'`,
    );
    await q.query(
      `ALTER TABLE "intervention_favourites" ADD "pharmacyId" character varying(64) NOT NULL DEFAULT 'default'`,
    );
    await q.query(`ALTER TABLE "invoices" ADD "pharmacyId" character varying(64) NOT NULL DEFAULT 'default'`);
    await q.query(
      `ALTER TABLE "prescriptions" ADD "pharmacyId" character varying(64) NOT NULL DEFAULT 'default'`,
    );
    await q.query(`ALTER TABLE "prescriptions" DROP CONSTRAINT "prescriptions_pkey"`);
    await q.query(
      `ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_pkey" PRIMARY KEY ("prescriptionId", "pharmacyId")`,
    );
    await q.query(`ALTER TABLE "scans" ADD "pharmacyId" character varying(64) NOT NULL DEFAULT 'default'`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_invoice_rejections_fse_code_received" ON "invoice_rejections" ("pharmacyId", "fseNumber", "rejectionCode", "receivedAt")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_outbox_prescription_sequence" ON "outbox_executions" ("pharmacyId", "prescriptionId", "sequence") WHERE "status" <> 'cancelled'`,
    );
    await q.query(
      `CREATE INDEX "IDX_dispensations_prescription_status" ON "dispensations" ("pharmacyId", "prescriptionId", "status")`,
    );
    await q.query(`CREATE INDEX "IDX_invoices_fse" ON "invoices" ("pharmacyId", "fseNumber")`);
    await q.query(`CREATE INDEX "IDX_prescriptions_patient" ON "prescriptions" ("pharmacyId", "patientKey")`);
    await q.query(`ALTER TABLE "invoice_rejections" ALTER COLUMN "pharmacyId" DROP DEFAULT`);
    await q.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "pharmacyId" DROP DEFAULT`);
    await q.query(`ALTER TABLE "outbox_executions" ALTER COLUMN "pharmacyId" DROP DEFAULT`);
    await q.query(`ALTER TABLE "dispensation_acts" ALTER COLUMN "pharmacyId" DROP DEFAULT`);
    await q.query(`ALTER TABLE "dispensation_packs" ALTER COLUMN "pharmacyId" DROP DEFAULT`);
    await q.query(`ALTER TABLE "dispensations" ALTER COLUMN "pharmacyId" DROP DEFAULT`);
    await q.query(`ALTER TABLE "intervention_favourites" ALTER COLUMN "pharmacyId" DROP DEFAULT`);
    await q.query(`ALTER TABLE "invoices" ALTER COLUMN "pharmacyId" DROP DEFAULT`);
    await q.query(`ALTER TABLE "prescriptions" ALTER COLUMN "pharmacyId" DROP DEFAULT`);
    await q.query(`ALTER TABLE "scans" ALTER COLUMN "pharmacyId" DROP DEFAULT`);
  }

  private async downPostgres(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_prescriptions_patient"`);
    await q.query(`DROP INDEX "IDX_invoices_fse"`);
    await q.query(`DROP INDEX "IDX_dispensations_prescription_status"`);
    await q.query(`DROP INDEX "UQ_outbox_prescription_sequence"`);
    await q.query(`DROP INDEX "UQ_invoice_rejections_fse_code_received"`);
    await q.query(`ALTER TABLE "scans" DROP COLUMN "pharmacyId"`);
    await q.query(`ALTER TABLE "prescriptions" DROP CONSTRAINT "prescriptions_pkey"`);
    await q.query(
      `ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_pkey" PRIMARY KEY ("prescriptionId")`,
    );
    await q.query(`ALTER TABLE "prescriptions" DROP COLUMN "pharmacyId"`);
    await q.query(`ALTER TABLE "invoices" DROP COLUMN "pharmacyId"`);
    await q.query(`ALTER TABLE "intervention_favourites" DROP COLUMN "pharmacyId"`);
    await q.query(`ALTER TABLE "dispensations" DROP COLUMN "pharmacyId"`);
    await q.query(`ALTER TABLE "dispensation_packs" DROP COLUMN "pharmacyId"`);
    await q.query(`ALTER TABLE "dispensation_acts" DROP COLUMN "pharmacyId"`);
    await q.query(`ALTER TABLE "outbox_executions" DROP COLUMN "pharmacyId"`);
    await q.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_pkey"`);
    await q.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("scopedKey")`,
    );
    await q.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "pharmacyId"`);
    await q.query(`ALTER TABLE "invoice_rejections" DROP COLUMN "pharmacyId"`);
    await q.query(`CREATE INDEX "IDX_prescriptions_patient" ON "prescriptions" ("patientKey")`);
    await q.query(`CREATE INDEX "IDX_invoices_fse" ON "invoices" ("fseNumber")`);
    await q.query(
      `CREATE INDEX "IDX_dispensations_prescription_status" ON "dispensations" ("prescriptionId", "status")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_outbox_prescription_sequence" ON "outbox_executions" ("prescriptionId", "sequence") WHERE "status" <> 'cancelled'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_invoice_rejections_fse_code_received" ON "invoice_rejections" ("fseNumber", "rejectionCode", "receivedAt")`,
    );
  }
}
