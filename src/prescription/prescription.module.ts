import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../core/clock/clock';
import type { AppConfig } from '../core/config/config.schema';
import { APP_CONFIG } from '../core/config/config.tokens';
import { PrescriptionEntity } from './prescription.entity';
import { PrescriptionRepository } from './prescription.repository';
import { PrescriptionSearchService } from './prescription-search.service';
import { PrescriptionService } from './prescription.service';
import { PrescriptionsController } from './prescriptions.controller';
import { createTeleservice, ExternalSigners } from './teleservice/teleservice.factory.adapter';
import { TeleservicePort } from './teleservice/teleservice.port';
import './prescription.schemas';

/** DI token of the signers a host application gives for `signer: external` (optional). */
export const EXTERNAL_SIGNERS = Symbol('EXTERNAL_SIGNERS');

/** Provides `EXTERNAL_SIGNERS` to the prescription module: `AppModule` imports it with `createApp`'s `signers`. */
@Global()
@Module({})
export class ExternalSignersModule {
  static forRoot(signers?: ExternalSigners): DynamicModule {
    return {
      module: ExternalSignersModule,
      providers: [{ provide: EXTERNAL_SIGNERS, useValue: signers }],
      exports: [EXTERNAL_SIGNERS],
    };
  }
}

@Module({
  imports: [TypeOrmModule.forFeature([PrescriptionEntity])],
  controllers: [PrescriptionsController],
  providers: [
    {
      provide: TeleservicePort,
      inject: [APP_CONFIG, Clock, { token: EXTERNAL_SIGNERS, optional: true }],
      useFactory: (config: AppConfig, clock: Clock, signers?: ExternalSigners) =>
        createTeleservice(config, clock, { signers }),
    },
    PrescriptionRepository,
    PrescriptionService,
    PrescriptionSearchService,
  ],
  exports: [PrescriptionService, PrescriptionSearchService, PrescriptionRepository, TeleservicePort],
})
export class PrescriptionModule {}
