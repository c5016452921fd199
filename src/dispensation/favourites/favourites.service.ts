import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CoreException } from '../../core/errors/core.exception';
import { DISPENSATION_DETAILS } from '../error-messages';
import { assertSfpcCodes } from '../acts/sfpc-validate';
import type { FavouriteDto } from './favourites.controller';
import { FavouriteRepository } from './favourite.repository';
import { InterventionFavouriteEntity } from './intervention-favourite.entity';

export interface FavouriteView {
  favouriteId: string;
  label: string;
  problemCode: string;
  interventionCode: string;
  outcome?: string;
  comment?: string;
}

const view = (f: InterventionFavouriteEntity): FavouriteView => ({
  favouriteId: f.id,
  label: f.label,
  problemCode: f.problemCode,
  interventionCode: f.interventionCode,
  ...(f.outcome ? { outcome: f.outcome } : {}),
  ...(f.comment ? { comment: f.comment } : {}),
});

/** The pharmacy's favourite interventions; each change and its audit entry commit together. */
@Injectable()
export class FavouritesService {
  constructor(
    private readonly db: Database,
    private readonly favourites: FavouriteRepository,
    private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(pharmacyId: string): Promise<FavouriteView[]> {
    return (await this.favourites.list(this.db.reader, pharmacyId)).map(view);
  }

  async add(body: FavouriteDto, by: Principal): Promise<FavouriteView> {
    assertSfpcCodes(body);
    const row: InterventionFavouriteEntity = {
      pharmacyId: by.pharmacyId,
      id: randomUUID(),
      label: body.label,
      problemCode: body.problemCode,
      interventionCode: body.interventionCode,
      outcome: body.outcome ?? null,
      comment: body.comment ?? null,
      createdAt: this.clock.now(),
    };
    await this.db.transaction(async (m) => {
      await this.favourites.insert(m, row);
      await this.audit.append(
        {
          action: 'favourite.added',
          actor: { kind: 'terminal' },
          terminalId: by.terminalId,
          pharmacyId: by.pharmacyId,
          subject: { type: 'intervention-favourite', id: row.id },
          data: { problemCode: row.problemCode, interventionCode: row.interventionCode },
        },
        m,
      );
    });
    return view(row);
  }

  async remove(id: string, by: Principal): Promise<void> {
    await this.db.transaction(async (m) => {
      if (!(await this.favourites.delete(m, by.pharmacyId, id)))
        throw new CoreException('NOT_FOUND', DISPENSATION_DETAILS.NOT_FOUND.favourite({ id }));
      await this.audit.append(
        {
          action: 'favourite.removed',
          actor: { kind: 'terminal' },
          terminalId: by.terminalId,
          pharmacyId: by.pharmacyId,
          subject: { type: 'intervention-favourite', id },
        },
        m,
      );
    });
  }
}
