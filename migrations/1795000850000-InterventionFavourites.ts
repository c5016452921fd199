import { MigrationInterface, QueryRunner } from 'typeorm';

export class InterventionFavourites1795000850000 implements MigrationInterface {
  name = 'InterventionFavourites1795000850000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "intervention_favourites" ("id" varchar(36) PRIMARY KEY NOT NULL, "label" varchar(100) NOT NULL, "problemCode" varchar(8) NOT NULL, "interventionCode" varchar(8) NOT NULL, "outcome" varchar(8), "comment" varchar(500), "createdAt" datetime NOT NULL)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "intervention_favourites"`);
  }
}
