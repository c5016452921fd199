import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { join } from 'node:path';
import { BdpmImporter } from './bdpm/bdpm-importer';
import { BdpmReferential } from './bdpm/bdpm.referential';

/** The subset shipped with the project (docs/referential.md), imported when the referential is empty. */
export const SHIPPED_SUBSET_DIR = join(__dirname, 'data', 'bdpm-subset');

const SUBSET_SOURCE = 'shipped BDPM subset';

/** Logged while the shipped subset is the referential: it knows 254 specialities, not the whole market. */
export const FULL_REFERENTIAL_HINT =
  'the referential is the shipped BDPM subset (254 specialities): load the full BDPM with ' +
  '`npm run referential:update` (downloads it from ANSM) or `npm run referential:import -- <dir>` ' +
  '(a folder of the ANSM download files); docs/referential.md';

/** How often the service looks for a version switched by the import CLI (another process). */
export const RELOAD_INTERVAL_MS = 60_000;

/**
 * At start: imports the shipped subset when no version is active (so `npm start` works without
 * ../shared), then loads the active version into memory; afterwards, picks up versions imported by the CLI.
 */
@Injectable()
export class MedicinesBootstrap implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Medicines');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly referential: BdpmReferential,
    private readonly importer: BdpmImporter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      if (!(await this.referential.load())) {
        const result = await this.importer.importDirectory(SHIPPED_SUBSET_DIR, { source: SUBSET_SOURCE });
        this.logger.log(
          `empty referential: imported the shipped BDPM subset as version ${result.versionId} ` +
            `(${result.counts.specialities} specialities, ${result.counts.presentations} presentations)`,
        );
        await this.referential.load();
      }
      if ((await this.referential.status()).source === SUBSET_SOURCE) this.logger.warn(FULL_REFERENTIAL_HINT);
    } catch (err) {
      // The counter still works without a referential: look-ups answer REFERENTIAL_NOT_LOADED (503).
      this.logger.error(`medicines referential not loaded: ${(err as Error).message}`);
    }
    this.timer = setInterval(() => {
      this.referential.reloadIfChanged().then(
        (reloaded) =>
          reloaded && this.logger.log(`referential version ${this.referential.loadedVersionId} loaded`),
        (err: unknown) => this.logger.warn(`referential reload failed: ${(err as Error).message}`),
      );
    }, RELOAD_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
