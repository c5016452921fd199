import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrescriptionModule } from '../prescription/prescription.module';
import { DispensationEntity } from './dispensation.entity';
import { DispensationService } from './dispensation.service';
import { DispensationsController } from './dispensations.controller';

@Module({
  imports: [TypeOrmModule.forFeature([DispensationEntity]), PrescriptionModule],
  controllers: [DispensationsController],
  providers: [DispensationService],
  exports: [DispensationService],
})
export class DispensationModule {}
