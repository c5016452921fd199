import { Module } from '@nestjs/common';
import { BridgeCardReadersFactory } from './card-reader/adapters/bridge-card-readers.adapter';
import { CardReadersFactory } from './card-reader/card-readers.port';
import { PatientController } from './patient.controller';
import { PatientService } from './patient.service';

@Module({
  controllers: [PatientController],
  providers: [PatientService, { provide: CardReadersFactory, useClass: BridgeCardReadersFactory }],
  exports: [PatientService],
})
export class PatientModule {}
