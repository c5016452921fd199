import { MigrationInterface, QueryRunner } from 'typeorm';

export class TerminalOperators1795000100000 implements MigrationInterface {
  name = 'TerminalOperators1795000100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "terminal_operators" ("terminalId" varchar(64) PRIMARY KEY NOT NULL, "rpps" varchar(11) NOT NULL, "lastName" varchar(100) NOT NULL, "firstName" varchar(100) NOT NULL, "role" varchar(16) NOT NULL, "updatedAt" datetime NOT NULL)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "terminal_operators"`);
  }
}
