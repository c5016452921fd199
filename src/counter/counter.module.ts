import { Module } from '@nestjs/common';
import { DispensationModule } from '../dispensation/dispensation.module';
import { PrescriptionModule } from '../prescription/prescription.module';
import { PatientModule } from '../patient/patient.module';
import { PatientRouter } from './patient-router.service';
import { ScanRouter } from './scan-router.service';

/** Orchestration at the end of the chain: subscribes to earlier stages' events and moves later ones. */
@Module({
  imports: [PrescriptionModule, DispensationModule, PatientModule],
  providers: [ScanRouter, PatientRouter],
})
export class CounterModule {}
