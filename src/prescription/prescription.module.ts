import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../core/clock/clock';
import type { AppConfig } from '../core/config/config.schema';
import { APP_CONFIG } from '../core/config/config.tokens';
import { PrescriptionEntity } from './prescription.entity';
import { PrescriptionService } from './prescription.service';
import { PrescriptionsController } from './prescriptions.controller';
import { createTeleservice } from './teleservice/teleservice.factory.adapter';
import { TeleservicePort } from './teleservice/teleservice.port';

@Module({
  imports: [TypeOrmModule.forFeature([PrescriptionEntity])],
  controllers: [PrescriptionsController],
  providers: [
    {
      provide: TeleservicePort,
      inject: [APP_CONFIG, Clock],
      useFactory: (config: AppConfig, clock: Clock) => createTeleservice(config, clock),
    },
    PrescriptionService,
  ],
  exports: [PrescriptionService, TeleservicePort],
})
export class PrescriptionModule {}
