import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An intervention the pharmacy records often, offered first at the counter (issue 5: favourites per pharmacy). */
@Entity('intervention_favourites')
export class InterventionFavouriteEntity {
  /** The pharmacy the row belongs to (docs/data.md § Many pharmacies). */
  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  label: string;

  @Column({ type: 'varchar', length: 8 })
  problemCode: string;

  @Column({ type: 'varchar', length: 8 })
  interventionCode: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  outcome: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment: string | null;

  @Column({ type: Date })
  createdAt: Date;
}
