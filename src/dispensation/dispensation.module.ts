import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { OwnershipRegistry } from '../core/auth/ownership';
import type { AppConfig } from '../core/config/config.schema';
import { APP_CONFIG } from '../core/config/config.tokens';
import { MessageRegistry } from '../core/i18n/message-registry';
import { ISSUE_MESSAGES } from './issue-messages';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrescriptionModule } from '../prescription/prescription.module';
import { ScanModule } from '../scan/scan.module';
import { DispensationPackEntity } from './dispensation-pack.entity';
import { ActsController } from './acts.controller';
import { ActsService } from './acts.service';
import { DispensationActEntity } from './dispensation-act.entity';
import { DispensationEntity } from './dispensation.entity';
import { DispensationService, unknownDispensation } from './dispensation.service';
import { DispensationsController } from './dispensations.controller';
import { ActRepository } from './act.repository';
import { DispensationRepository } from './dispensation.repository';
import { FavouriteRepository } from './favourites/favourite.repository';
import { FavouritesController } from './favourites/favourites.controller';
import { FavouritesService } from './favourites/favourites.service';
import { PackRepository } from './pack.repository';
import { InterventionFavouriteEntity } from './favourites/intervention-favourite.entity';
import { PacksController } from './packs.controller';
import { PacksService } from './packs.service';
import { ReconciliationService } from './reconciliation.service';
import { ValidationService } from './validation.service';
import './dispensation.schemas';
import { ClosureService } from './closure.service';
import { DegradedController } from './degraded.controller';
import { DegradedRecovery } from './degraded/degraded-recovery.service';
import { TranscriptionService } from './degraded/transcription.service';
import { DegradedRepository } from './degraded/degraded.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      DispensationEntity,
      DispensationPackEntity,
      DispensationActEntity,
      InterventionFavouriteEntity,
    ]),
    PrescriptionModule,
    ScanModule,
  ],
  controllers: [
    DispensationsController,
    PacksController,
    ActsController,
    DegradedController,
    FavouritesController,
  ],
  providers: [
    DispensationRepository,
    PackRepository,
    ActRepository,
    FavouriteRepository,
    DegradedRepository,
    DispensationService,
    ReconciliationService,
    PacksService,
    ActsService,
    ValidationService,
    FavouritesService,
    TranscriptionService,
    ClosureService,
    DegradedRecovery,
  ],
  exports: [
    DispensationService,
    PacksService,
    DegradedRecovery,
    DispensationRepository,
    PackRepository,
    ActRepository,
  ],
})
export class DispensationModule implements OnModuleInit {
  constructor(
    messages: MessageRegistry,
    private readonly ownership: OwnershipRegistry,
    private readonly dispensations: DispensationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Issue messages in French and English: the HTTP edge rebuilds them for an English client.
    messages.register('issue', ISSUE_MESSAGES);
  }

  /** Lines, packs and acts are reached through their dispensation: its terminal owns them all. */
  onModuleInit(): void {
    this.ownership.register('dispensation', (id) => this.dispensations.ownerOf(id), unknownDispensation);
  }
}
