import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../core/clock/clock';
import { Database } from '../core/database/database';
import { BdpmImporter } from './bdpm/bdpm-importer';
import { BdpmReferential } from './bdpm/bdpm.referential';
import { MEDICINES_ENTITIES } from './entities';
import { MedicinesReferential } from './medicines-referential.port';
import { MedicinesBootstrap } from './medicines.bootstrap';
import { ReferentialRefresh } from './referential-refresh';

/** Inside the service an import is a transaction of the service's Database, as every other write is. */
const importer: Provider = {
  provide: BdpmImporter,
  useFactory: (ds: DataSource, clock: Clock, db: Database) =>
    new BdpmImporter(ds, clock, (work) => db.transaction(work)),
  inject: [DataSource, Clock, Database],
};

/**
 * The medicines referential, for the whole application (a global module: every stage injects
 * `MedicinesReferential`). `MedicinesModule.forRoot()` serves the BDPM (`BdpmReferential`, loaded at start);
 * an LGO with its own drug database gives its adapter, `MedicinesModule.forRoot(TheirAdapter)` (ComptoirModule's
 * `referential` option; docs/referential.md), and no BDPM is loaded.
 */
@Module({})
export class MedicinesModule {
  static forRoot(adapter?: Type<MedicinesReferential>): DynamicModule {
    const common = {
      global: true,
      module: MedicinesModule,
      imports: [TypeOrmModule.forFeature(MEDICINES_ENTITIES)],
    };
    if (adapter) {
      return {
        ...common,
        providers: [adapter, { provide: MedicinesReferential, useExisting: adapter }, importer],
        exports: [MedicinesReferential, BdpmImporter],
      };
    }
    return {
      ...common,
      providers: [
        BdpmReferential,
        { provide: MedicinesReferential, useExisting: BdpmReferential },
        importer,
        MedicinesBootstrap,
        ReferentialRefresh,
      ],
      exports: [MedicinesReferential, BdpmImporter, ReferentialRefresh],
    };
  }
}
