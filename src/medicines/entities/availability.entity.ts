import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** CIS_CIP_Dispo_Spec.txt: a shortage, tension, withdrawal or return, for a CIS or one of its CIP13. */
@Entity('medicines_availability')
@Index('IDX_medicines_availability_cis', ['versionId', 'cis'])
export class AvailabilityEntity {
  @PrimaryColumn({ type: 'integer' })
  versionId: number;

  @PrimaryColumn({ type: 'integer' })
  line: number;

  @Column({ type: 'varchar', length: 8 })
  cis: string;

  /** Empty: every presentation of the CIS. */
  @Column({ type: 'varchar', length: 13, nullable: true })
  cip13: string | null;

  /** 1 rupture, 2 tension, 3 arrêt de commercialisation, 4 remise à disposition. */
  @Column({ type: 'integer' })
  statusCode: number;

  @Column({ type: 'varchar', length: 100 })
  statusLabel: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  startedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  updatedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  restoredOn: string | null;

  @Column({ type: 'text', nullable: true })
  link: string | null;
}
