import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../core/clock/clock';
import type { AppConfig } from '../core/config/config.schema';
import { APP_CONFIG } from '../core/config/config.tokens';
import { downloadBdpm } from './bdpm/bdpm-download';
import { BdpmImporter, ImportResult } from './bdpm/bdpm-importer';
import { BdpmReferential } from './bdpm/bdpm.referential';

/** The next `HH:MM` local time strictly after `now` (today's, or tomorrow's when already past). */
export function nextRefreshAt(now: Date, at: string): Date {
  const [hours, minutes] = at.split(':').map(Number);
  const next = new Date(now.getTime());
  next.setHours(hours, minutes, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next;
}

/**
 * The optional daily refresh (`referential.dailyRefresh`, off by default): at `referential.refreshAt` the
 * service downloads the BDPM as `npm run referential:update` does and imports it in one transaction
 * (on SQLite counter writes wait for the switch, a few seconds for the full BDPM; on PostgreSQL they go on), then loads the new version. A
 * failed refresh keeps the active version and is tried again the next day.
 */
@Injectable()
export class ReferentialRefresh implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Medicines');
  private timer?: NodeJS.Timeout;
  private running?: Promise<ImportResult | undefined>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly importer: BdpmImporter,
    private readonly referential: BdpmReferential,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.referential.dailyRefresh) this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Downloads and imports now; resolves undefined (and logs why) when it failed. */
  refreshNow(): Promise<ImportResult | undefined> {
    this.running ??= this.refresh().finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(): void {
    const now = this.clock.now();
    const at = nextRefreshAt(now, this.config.referential.refreshAt);
    this.logger.log(`daily referential refresh: next at ${at.toString()}`);
    this.timer = setTimeout(
      () =>
        void this.refreshNow().finally(() => {
          if (this.timer) this.schedule();
        }),
      at.getTime() - now.getTime(),
    );
    this.timer.unref();
  }

  private async refresh(): Promise<ImportResult | undefined> {
    const { url, downloadTimeoutMs } = this.config.referential;
    try {
      const files = await downloadBdpm(url, { timeoutMs: downloadTimeoutMs });
      const result = await this.importer.importFiles(files, { source: url });
      if (result.status === 'unchanged') {
        this.logger.log(`referential refresh: unchanged, still version ${result.versionId}`);
      } else {
        await this.referential.reloadIfChanged();
        this.logger.log(
          `referential refresh: version ${result.versionId} loaded (${result.counts.specialities} ` +
            `specialities, ${result.counts.presentations} presentations, ${result.durationMs} ms)`,
        );
      }
      return result;
    } catch (err) {
      this.logger.error(`referential refresh failed, the active version stays: ${(err as Error).message}`);
      return undefined;
    }
  }
}
