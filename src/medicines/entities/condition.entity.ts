import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** CIS_CPD_bdpm.txt: one condition of prescription or delivery, as written. */
@Entity('medicines_conditions')
@Index('IDX_medicines_conditions_cis', ['versionId', 'cis'])
export class ConditionEntity {
  @PrimaryColumn({ type: 'integer' })
  versionId: number;

  @PrimaryColumn({ type: 'integer' })
  line: number;

  @Column({ type: 'varchar', length: 8 })
  cis: string;

  @Column({ type: 'text' })
  text: string;
}
