import { DynamicModule, Module, Type } from '@nestjs/common';
import { BridgeCardReadersFactory } from './card-reader/adapters/bridge-card-readers.adapter';
import { CardReadersFactory } from './card-reader/card-readers.port';
import { PatientController } from './patient.controller';
import { PatientService } from './patient.service';
import './patient.schemas';

/**
 * Card holders and identity matching. Imported as is, the readers come from `devices/vitale` (the PC/SC
 * bridge, or its simulation); a host with its own reader access imports `PatientModule.withCardReaders`.
 */
@Module({
  controllers: [PatientController],
  providers: [PatientService, { provide: CardReadersFactory, useClass: BridgeCardReadersFactory }],
  exports: [PatientService],
})
export class PatientModule {
  /** The card readers built by another factory (a class extending CardReadersFactory). */
  static withCardReaders(factory: Type<CardReadersFactory>): DynamicModule {
    return { module: PatientModule, providers: [{ provide: CardReadersFactory, useClass: factory }] };
  }
}
