import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from './core/clock/clock';
import type { AppConfig } from './core/config/config.schema';
import { BackOfficeModule } from './back-office/back-office.module';
import { CoreModule } from './core/core.module';
import { CounterModule } from './counter/counter.module';
import { PagesModule } from './counter/pages/pages.module';
import { DispensationModule } from './dispensation/dispensation.module';
import { ExecutionModule } from './execution/execution.module';
import { InvoicingModule } from './invoicing/invoicing.module';
import { MedicinesModule } from './medicines/medicines.module';
import { PatientModule } from './patient/patient.module';
import { ExternalSignersModule, PrescriptionModule } from './prescription/prescription.module';
import type { ExternalSigners } from './prescription/teleservice/teleservice.factory.adapter';
import { ScanModule } from './scan/scan.module';

export interface AppOptions {
  config: AppConfig;
  clock?: Clock;
  /** The signers of `teleservice.signer: external` (an LGO's own card middleware). */
  signers?: ExternalSigners;
}

/** The stages in flow order (ARCHITECTURE.md); each later stage only subscribes to earlier ones. */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        MedicinesModule,
        ScanModule,
        ExternalSignersModule.forRoot(options.signers),
        PrescriptionModule,
        PatientModule,
        DispensationModule,
        ExecutionModule,
        InvoicingModule,
        BackOfficeModule,
        CounterModule,
        PagesModule,
      ],
    };
  }
}
