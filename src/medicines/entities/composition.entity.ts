import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** CIS_COMPO_bdpm.txt: one component row, keyed by its line in the file (the file has no natural key). */
@Entity('medicines_compositions')
@Index('IDX_medicines_compositions_cis', ['versionId', 'cis'])
@Index('IDX_medicines_compositions_moiety', ['versionId', 'moietyKey'])
export class CompositionEntity {
  @PrimaryColumn({ type: 'integer' })
  versionId: number;

  @PrimaryColumn({ type: 'integer' })
  line: number;

  @Column({ type: 'varchar', length: 8 })
  cis: string;

  @Column({ type: 'varchar', length: 300 })
  element: string;

  @Column({ type: 'varchar', length: 6 })
  substanceCode: string;

  @Column({ type: 'varchar', length: 300 })
  substanceName: string;

  /** Active moiety, folded, salt and hydrate words removed (domain/substance-name.ts), for DC search. */
  @Column({ type: 'varchar', length: 300 })
  moietyKey: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  dosage: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  reference: string | null;

  /** `SA` substance active or `FT` fraction thérapeutique. */
  @Column({ type: 'varchar', length: 2 })
  nature: string;

  /** Links an SA to its FT within one CIS. */
  @Column({ type: 'integer' })
  link: number;
}
