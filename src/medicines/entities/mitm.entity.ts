import { Column, Entity, PrimaryColumn } from 'typeorm';

/** CIS_MITM.txt: a médicament d'intérêt thérapeutique majeur and its ATC code. */
@Entity('medicines_mitm')
export class MitmEntity {
  @PrimaryColumn({ type: 'integer' })
  versionId: number;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  cis: string;

  @Column({ type: 'integer' })
  line: number;

  @Column({ type: 'varchar', length: 7 })
  atc: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  link: string | null;
}
