import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MedicinesModule } from '../medicines/medicines.module';
import { PrescriptionModule } from '../prescription/prescription.module';
import { ScanModule } from '../scan/scan.module';
import { DispensationPackEntity } from './dispensation-pack.entity';
import { DispensationEntity } from './dispensation.entity';
import { DispensationService } from './dispensation.service';
import { DispensationsController } from './dispensations.controller';
import { PacksController } from './packs.controller';
import { PacksService } from './packs.service';
import { ReconciliationService } from './reconciliation.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([DispensationEntity, DispensationPackEntity]),
    PrescriptionModule,
    MedicinesModule,
    ScanModule,
  ],
  controllers: [DispensationsController, PacksController],
  providers: [DispensationService, ReconciliationService, PacksService],
  exports: [DispensationService, PacksService],
})
export class DispensationModule {}
