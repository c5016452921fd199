import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InterventionFavouriteEntity } from './intervention-favourite.entity';

/** The pharmacy's favourite interventions. */
@Injectable()
export class FavouriteRepository {
  list(m: EntityManager, pharmacyId: string): Promise<InterventionFavouriteEntity[]> {
    return m
      .getRepository(InterventionFavouriteEntity)
      .find({ where: { pharmacyId }, order: { label: 'ASC' } });
  }

  async insert(m: EntityManager, row: InterventionFavouriteEntity): Promise<void> {
    await m.getRepository(InterventionFavouriteEntity).insert(row);
  }

  /** False when the pharmacy had no such favourite. */
  async delete(m: EntityManager, pharmacyId: string, id: string): Promise<boolean> {
    const { affected } = await m.getRepository(InterventionFavouriteEntity).delete({ pharmacyId, id });
    return !!affected;
  }
}
