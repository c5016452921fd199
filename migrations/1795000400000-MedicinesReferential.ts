import { MigrationInterface, QueryRunner } from 'typeorm';

/** The medicines referential (BDPM): versions, and rows keyed by version (docs/referential.md). */
export class MedicinesReferential1795000400000 implements MigrationInterface {
  name = 'MedicinesReferential1795000400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "medicines_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "contentHash" varchar(64) NOT NULL, "source" varchar(500) NOT NULL, "active" boolean NOT NULL DEFAULT (0), "importedAt" datetime NOT NULL, "durationMs" integer NOT NULL, "counts" text NOT NULL, "report" text NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_medicines_versions_active" ON "medicines_versions" ("active") `);
    await q.query(
      `CREATE TABLE "medicines_specialities" ("versionId" integer NOT NULL, "cis" varchar(8) NOT NULL, "line" integer NOT NULL, "name" text NOT NULL, "form" varchar(300) NOT NULL, "routes" varchar(300) NOT NULL, "authorisationStatus" varchar(100) NOT NULL, "procedure" varchar(100) NOT NULL, "marketingState" varchar(100) NOT NULL, "authorisedOn" varchar(10), "bdmStatus" varchar(100), "euNumber" varchar(100), "holders" text NOT NULL, "enhancedMonitoring" boolean NOT NULL, PRIMARY KEY ("versionId", "cis"))`,
    );
    await q.query(
      `CREATE TABLE "medicines_presentations" ("versionId" integer NOT NULL, "cip13" varchar(13) NOT NULL, "cis" varchar(8) NOT NULL, "cip7" varchar(7) NOT NULL, "line" integer NOT NULL, "label" text NOT NULL, "status" varchar(100) NOT NULL, "marketingState" varchar(100) NOT NULL, "declaredOn" varchar(10), "collectivities" boolean, "rates" varchar(50) NOT NULL, "priceCents" integer, "publicPriceCents" integer, "feeCents" integer, "reimbursementText" text, "packUnits" real, "packUnit" varchar(40), "packVolume" real, "packVolumeUnit" varchar(4), "packConfidence" varchar(8) NOT NULL, PRIMARY KEY ("versionId", "cip13"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_medicines_presentations_cis" ON "medicines_presentations" ("versionId", "cis") `,
    );
    await q.query(
      `CREATE INDEX "IDX_medicines_presentations_cip7" ON "medicines_presentations" ("versionId", "cip7") `,
    );
    await q.query(
      `CREATE TABLE "medicines_compositions" ("versionId" integer NOT NULL, "line" integer NOT NULL, "cis" varchar(8) NOT NULL, "element" varchar(300) NOT NULL, "substanceCode" varchar(6) NOT NULL, "substanceName" varchar(300) NOT NULL, "moietyKey" varchar(300) NOT NULL, "dosage" varchar(300), "reference" varchar(300), "nature" varchar(2) NOT NULL, "link" integer NOT NULL, PRIMARY KEY ("versionId", "line"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_medicines_compositions_cis" ON "medicines_compositions" ("versionId", "cis") `,
    );
    await q.query(
      `CREATE INDEX "IDX_medicines_compositions_moiety" ON "medicines_compositions" ("versionId", "moietyKey") `,
    );
    await q.query(
      `CREATE TABLE "medicines_generic_members" ("versionId" integer NOT NULL, "groupId" integer NOT NULL, "cis" varchar(8) NOT NULL, "line" integer NOT NULL, "label" text NOT NULL, "type" integer NOT NULL, "sortOrder" integer NOT NULL, PRIMARY KEY ("versionId", "groupId", "cis"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_medicines_generic_members_cis" ON "medicines_generic_members" ("versionId", "cis") `,
    );
    await q.query(
      `CREATE TABLE "medicines_conditions" ("versionId" integer NOT NULL, "line" integer NOT NULL, "cis" varchar(8) NOT NULL, "text" text NOT NULL, PRIMARY KEY ("versionId", "line"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_medicines_conditions_cis" ON "medicines_conditions" ("versionId", "cis") `,
    );
    await q.query(
      `CREATE TABLE "medicines_mitm" ("versionId" integer NOT NULL, "cis" varchar(8) NOT NULL, "line" integer NOT NULL, "atc" varchar(7) NOT NULL, "name" text NOT NULL, "link" text, PRIMARY KEY ("versionId", "cis"))`,
    );
    await q.query(
      `CREATE TABLE "medicines_availability" ("versionId" integer NOT NULL, "line" integer NOT NULL, "cis" varchar(8) NOT NULL, "cip13" varchar(13), "statusCode" integer NOT NULL, "statusLabel" varchar(100) NOT NULL, "startedOn" varchar(10), "updatedOn" varchar(10), "restoredOn" varchar(10), "link" text, PRIMARY KEY ("versionId", "line"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_medicines_availability_cis" ON "medicines_availability" ("versionId", "cis") `,
    );
    await q.query(
      `CREATE TABLE "medicines_has_links" ("versionId" integer NOT NULL, "line" integer NOT NULL, "ctCode" varchar(20) NOT NULL, "url" text NOT NULL, PRIMARY KEY ("versionId", "line"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_medicines_has_links_code" ON "medicines_has_links" ("versionId", "ctCode") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_medicines_has_links_code"`);
    await q.query(`DROP TABLE "medicines_has_links"`);
    await q.query(`DROP INDEX "IDX_medicines_availability_cis"`);
    await q.query(`DROP TABLE "medicines_availability"`);
    await q.query(`DROP TABLE "medicines_mitm"`);
    await q.query(`DROP INDEX "IDX_medicines_conditions_cis"`);
    await q.query(`DROP TABLE "medicines_conditions"`);
    await q.query(`DROP INDEX "IDX_medicines_generic_members_cis"`);
    await q.query(`DROP TABLE "medicines_generic_members"`);
    await q.query(`DROP INDEX "IDX_medicines_compositions_moiety"`);
    await q.query(`DROP INDEX "IDX_medicines_compositions_cis"`);
    await q.query(`DROP TABLE "medicines_compositions"`);
    await q.query(`DROP INDEX "IDX_medicines_presentations_cip7"`);
    await q.query(`DROP INDEX "IDX_medicines_presentations_cis"`);
    await q.query(`DROP TABLE "medicines_presentations"`);
    await q.query(`DROP TABLE "medicines_specialities"`);
    await q.query(`DROP INDEX "IDX_medicines_versions_active"`);
    await q.query(`DROP TABLE "medicines_versions"`);
  }
}
