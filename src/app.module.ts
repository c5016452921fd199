import { DynamicModule, Module, Type } from '@nestjs/common';
import { Clock } from './core/clock/clock';
import type { AppConfig } from './core/config/config.schema';
import { BackOfficeModule } from './back-office/back-office.module';
import { CoreModule } from './core/core.module';
import { bindComptoirEnhancers, controllersOf } from './core/http/comptoir-enhancers';
import { WebhooksModule } from './core/webhooks/webhooks.module';
import { CounterModule } from './counter/counter.module';
import { PagesModule } from './counter/pages/pages.module';
import { DispensationModule } from './dispensation/dispensation.module';
import { ExecutionModule } from './execution/execution.module';
import { InvoicingModule } from './invoicing/invoicing.module';
import { MedicinesReferential } from './medicines/medicines-referential.port';
import { MedicinesModule } from './medicines/medicines.module';
import { CardReadersFactory } from './patient/card-reader/card-readers.port';
import { PatientModule } from './patient/patient.module';
import { ExternalSignersModule, PrescriptionModule } from './prescription/prescription.module';
import type { ExternalSigners } from './prescription/teleservice/teleservice.factory.adapter';
import { ScanModule } from './scan/scan.module';

export interface AppOptions {
  config: AppConfig;
  clock?: Clock;
  /** The signers of `teleservice.signer: external` (an LGO's own card middleware). */
  signers?: ExternalSigners;
  /** An LGO's own drug database behind the referential port (docs/referential.md); default the BDPM. */
  referential?: Type<MedicinesReferential>;
  /** An LGO's own access to the Carte Vitale readers (`vitale.driver: pcsc` terminals); default PC/SC. */
  cardReaders?: Type<CardReadersFactory>;
  /** The login, counter and back-office pages at `/` (default on; an embedding host may leave them out). */
  pages?: boolean;
  /** Run pending migrations when the database connection opens (ComptoirModule); createApp runs them itself. */
  migrateOnConnect?: boolean;
}

/** The stages in flow order (ARCHITECTURE.md); each later stage only subscribes to earlier ones. */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    const imports = [
      CoreModule.forRoot(options),
      MedicinesModule.forRoot(options.referential),
      ScanModule,
      ExternalSignersModule.forRoot(options.signers),
      PrescriptionModule,
      options.cardReaders ? PatientModule.withCardReaders(options.cardReaders) : PatientModule,
      DispensationModule,
      ExecutionModule,
      InvoicingModule,
      BackOfficeModule,
      CounterModule,
      WebhooksModule,
      ...(options.pages === false ? [] : [PagesModule]),
    ];
    bindComptoirEnhancers(controllersOf(imports));
    return { module: AppModule, imports };
  }
}
