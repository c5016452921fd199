import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: a box cut to give an exact number of units (R.5132-33) records them; a retrieved prescription
 * keeps who prescribed it and a hash of its patient's identity, so « chevauchement interdit » finds the
 * patient's other prescriptions by an index instead of reading every copy.
 */
export class CounterRules1797160000000 implements MigrationInterface {
  name = 'CounterRules1797160000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "dispensation_packs" ADD COLUMN "units" integer`);
    await q.query(`ALTER TABLE "prescriptions" ADD COLUMN "patientKey" varchar(64)`);
    await q.query(`ALTER TABLE "prescriptions" ADD COLUMN "prescriberRpps" varchar(32)`);
    await q.query(`CREATE INDEX "IDX_prescriptions_patient" ON "prescriptions" ("patientKey") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_prescriptions_patient"`);
    await q.query(`ALTER TABLE "prescriptions" DROP COLUMN "prescriberRpps"`);
    await q.query(`ALTER TABLE "prescriptions" DROP COLUMN "patientKey"`);
    await q.query(`ALTER TABLE "dispensation_packs" DROP COLUMN "units"`);
  }
}
