import { Column, Entity, PrimaryColumn } from 'typeorm';

/** CIS_bdpm.txt: one speciality (CIS) of one referential version. */
@Entity('medicines_specialities')
export class SpecialityEntity {
  @PrimaryColumn({ type: 'integer' })
  versionId: number;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  cis: string;

  @Column({ type: 'integer' })
  line: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 300 })
  form: string;

  /** Routes of administration, `;`-separated as in the file. */
  @Column({ type: 'varchar', length: 300 })
  routes: string;

  @Column({ type: 'varchar', length: 100 })
  authorisationStatus: string;

  @Column({ type: 'varchar', length: 100 })
  procedure: string;

  @Column({ type: 'varchar', length: 100 })
  marketingState: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  authorisedOn: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  bdmStatus: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  euNumber: string | null;

  /** Titulaires, `;`-separated. */
  @Column({ type: 'text' })
  holders: string;

  @Column({ type: 'boolean' })
  enhancedMonitoring: boolean;
}
