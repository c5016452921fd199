import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** HAS_LiensPageCT_bdpm.txt: the page of a HAS Commission de la transparence opinion. */
@Entity('medicines_has_links')
@Index('IDX_medicines_has_links_code', ['versionId', 'ctCode'])
export class HasLinkEntity {
  @PrimaryColumn({ type: 'integer' })
  versionId: number;

  @PrimaryColumn({ type: 'integer' })
  line: number;

  @Column({ type: 'varchar', length: 20 })
  ctCode: string;

  @Column({ type: 'text' })
  url: string;
}
