import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** CIS_CIP_bdpm.txt: one presentation (box), with its pack content read from the label at import. */
@Entity('medicines_presentations')
@Index('IDX_medicines_presentations_cis', ['versionId', 'cis'])
@Index('IDX_medicines_presentations_cip7', ['versionId', 'cip7'])
export class PresentationEntity {
  @PrimaryColumn({ type: 'integer' })
  versionId: number;

  @PrimaryColumn({ type: 'varchar', length: 13 })
  cip13: string;

  @Column({ type: 'varchar', length: 8 })
  cis: string;

  @Column({ type: 'varchar', length: 7 })
  cip7: string;

  @Column({ type: 'integer' })
  line: number;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'varchar', length: 100 })
  status: string;

  @Column({ type: 'varchar', length: 100 })
  marketingState: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  declaredOn: string | null;

  @Column({ type: 'boolean', nullable: true })
  collectivities: boolean | null;

  /** Reimbursement rates in percent, `;`-separated; empty when not reimbursed. */
  @Column({ type: 'varchar', length: 50 })
  rates: string;

  @Column({ type: 'integer', nullable: true })
  priceCents: number | null;

  @Column({ type: 'integer', nullable: true })
  publicPriceCents: number | null;

  @Column({ type: 'integer', nullable: true })
  feeCents: number | null;

  @Column({ type: 'text', nullable: true })
  reimbursementText: string | null;

  @Column({ type: 'real', nullable: true })
  packUnits: number | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  packUnit: string | null;

  @Column({ type: 'real', nullable: true })
  packVolume: number | null;

  @Column({ type: 'varchar', length: 4, nullable: true })
  packVolumeUnit: string | null;

  /** `high`, `low` or `none` (src/medicines/domain/pack-label.ts). */
  @Column({ type: 'varchar', length: 8 })
  packConfidence: string;
}
