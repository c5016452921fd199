import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** CIS_GENER_bdpm.txt: a CIS in a generic group; the CIS may be absent from CIS_bdpm.txt (withdrawn). */
@Entity('medicines_generic_members')
@Index('IDX_medicines_generic_members_cis', ['versionId', 'cis'])
export class GenericMemberEntity {
  @PrimaryColumn({ type: 'integer' })
  versionId: number;

  @PrimaryColumn({ type: 'integer' })
  groupId: number;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  cis: string;

  @Column({ type: 'integer' })
  line: number;

  @Column({ type: 'text' })
  label: string;

  /** 0 princeps, 1 générique, 2 par complémentarité posologique, 4 substituable. */
  @Column({ type: 'integer' })
  type: number;

  @Column({ type: 'integer' })
  sortOrder: number;
}
