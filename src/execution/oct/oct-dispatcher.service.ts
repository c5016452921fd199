import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import type { AppConfig } from '../../core/config/config.schema';
import { APP_CONFIG } from '../../core/config/config.tokens';
import { Database } from '../../core/database/database';
import { HealthRegistry } from '../../core/health/health-registry';
import { Leases } from '../../core/instances/leases';
import { backoffDelay } from '../../core/retry/backoff';
import { outboxBackoff } from '../backoff';
import { renderOctReport } from './oct-report.pdf';
import type { OctReportEntity } from './oct-report.entity';
import { ClaimedReport, OctReportRepository } from './oct-report.repository';
import { OctDeliveryError, OctPort } from './oct.port';

/** DI token of the configured OCT adapter (undefined: `oct.adapter: none`). */
export const OCT_ADAPTER = Symbol('OCT_ADAPTER');

/** Reports one poll may deliver (claimed one at a time). */
const BATCH = 10;

/**
 * Delivers the queued OCT reports through the configured adapter, one at a time, oldest first: at least
 * once (a stop between the delivery and its record sends the report again; receivers deduplicate on
 * `reportId`), retried with the outbox's capped exponential backoff, a permanent refusal kept as `failed`.
 * Each report is claimed before it is sent (`sending`, under a lease renewed while the adapter works): several
 * instances on one database never deliver one report at once, and a report in flight when its instance
 * dies goes again once the lease lapses, or at the next start on SQLite.
 */
@Injectable()
export class OctDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('oct');
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private running = false;
  private readonly leases: Leases<ClaimedReport>;

  constructor(
    private readonly db: Database,
    private readonly reports: OctReportRepository,
    private readonly health: HealthRegistry,
    @Inject(OCT_ADAPTER) private readonly adapter: OctPort | undefined,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.leases = new Leases(
      () => this.clock.now(),
      (rows, until) => this.db.transaction((m) => this.reports.renew(m, rows, until)),
      this.logger,
    );
  }

  get enabled(): boolean {
    return this.adapter !== undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.adapter) return;
    // One process owns a SQLite file: a report left sending was cut by a stop, and goes again now.
    if (this.db.engine === 'sqlite')
      await this.db.transaction((m) => this.reports.release(m, this.clock.now()));
    this.health.register({
      name: 'oct',
      critical: false,
      check: async () => {
        const c = await this.reports.counts(this.db.reader);
        return {
          status: 'up',
          detail: { adapter: this.adapter!.name, queued: c.queued ?? 0, failed: c.failed ?? 0 },
        };
      },
    });
    this.running = true;
    this.leases.start();
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    await this.leases.stop();
  }

  /** Wakes the dispatcher now (a report was queued). */
  wake(): void {
    if (this.running && !this.polling) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.polling = this.poll()
        .catch((err: unknown) => this.logger.error(`OCT poll failed: ${(err as Error).message}`))
        .finally(() => {
          this.polling = undefined;
          this.schedule(this.config.oct.pollMs);
        });
    }, ms);
  }

  private async poll(): Promise<void> {
    for (let i = 0; i < BATCH && this.running; i += 1) {
      if (!(await this.reports.anyDue(this.db.reader, this.clock.now()))) return;
      const [row] = await this.db.transaction((m) =>
        this.reports.claimDue(m, { now: this.clock.now(), limit: 1, leaseUntil: this.leases.until() }),
      );
      if (!row) return;
      await this.leases.holding(row.id, row, () => this.deliver(row));
    }
  }

  private async deliver(row: OctReportEntity): Promise<void> {
    const attempts = row.attempts;
    try {
      await this.adapter!.deliver(row.report, await renderOctReport(row.report));
    } catch (err) {
      const permanent = err instanceof OctDeliveryError && err.permanent;
      const message = (err as Error).message;
      const delay = backoffDelay(attempts - 1, outboxBackoff(this.config.oct.backoffMs));
      const next = permanent ? null : new Date(this.clock.now().getTime() + delay);
      await this.db.transaction((m) => this.reports.failed(m, row, message, next));
      this.logger.warn({ reportId: row.id, attempts, permanent }, `OCT report not delivered: ${message}`);
      return;
    }
    await this.db.transaction((m) => this.reports.delivered(m, row, this.clock.now()));
    this.logger.log({ reportId: row.id, attempts }, 'OCT report delivered');
  }
}
