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

/** Host of an LGO's own adapter: no BDPM loading at start (the LGO's database is its own). */
@Module({})
class OwnReferentialModule {}

/**
 * The medicines referential. Imported as is, it serves the BDPM (`BdpmReferential`); an LGO with its own
 * drug database imports `MedicinesModule.withReferential(TheirAdapter)` instead (docs/referential.md).
 */
@Module({
  imports: [TypeOrmModule.forFeature(MEDICINES_ENTITIES)],
  providers: [
    BdpmReferential,
    { provide: MedicinesReferential, useExisting: BdpmReferential },
    importer,
    MedicinesBootstrap,
    ReferentialRefresh,
  ],
  exports: [MedicinesReferential, BdpmImporter, ReferentialRefresh],
})
export class MedicinesModule {
  /** The referential port served by another adapter (a class extending MedicinesReferential). */
  static withReferential(adapter: Type<MedicinesReferential>): DynamicModule {
    return {
      module: OwnReferentialModule,
      imports: [TypeOrmModule.forFeature(MEDICINES_ENTITIES)],
      providers: [adapter, { provide: MedicinesReferential, useExisting: adapter }, importer],
      exports: [MedicinesReferential, BdpmImporter],
    };
  }
}
