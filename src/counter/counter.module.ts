import { Module } from '@nestjs/common';
import { DispensationModule } from '../dispensation/dispensation.module';
import { PrescriptionModule } from '../prescription/prescription.module';
import { ScanRouter } from './scan-router.service';

/** Orchestration at the end of the chain: subscribes to earlier stages' events and moves later ones. */
@Module({
  imports: [PrescriptionModule, DispensationModule],
  providers: [ScanRouter],
})
export class CounterModule {}
