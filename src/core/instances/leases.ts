import { Logger } from '@nestjs/common';
import { DEAD_AFTER_MS, HEARTBEAT_MS } from './instances.service';

/** A claimed row's lease: it lapses this long after its last renewal (as an instance counts dead). */
export const LEASE_MS = DEAD_AFTER_MS;
/** How often the rows in flight have their lease renewed (as an instance beats). */
export const LEASE_RENEW_MS = HEARTBEAT_MS;

/**
 * The leases a background dispatcher holds on the rows it is delivering (docs/data.md § Several
 * instances): a claimed row is `sending` with its lease's end in `nextAttemptAt`; while the delivery runs
 * the lease is renewed every LEASE_RENEW_MS, so it lapses LEASE_MS after the instance dies (SIGKILL, a
 * lost host) and another instance claims the row again. Each row is known by its key and the attempt that
 * claimed it: a renewal or an outcome for an attempt taken over changes nothing.
 */
export class Leases<K> {
  private readonly held = new Map<string, K>();
  private timer?: NodeJS.Timeout;
  private renewing?: Promise<void>;

  constructor(
    private readonly now: () => Date,
    /** Moves the lease of these rows (still sending under these attempts) to `until`. */
    private readonly renew: (rows: K[], until: Date) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** The end of a lease taken or renewed now. */
  until(): Date {
    return new Date(this.now().getTime() + LEASE_MS);
  }

  start(): void {
    this.timer ??= setInterval(() => {
      if (this.held.size === 0 || this.renewing) return;
      this.renewing = this.renew([...this.held.values()], this.until())
        .catch((err: unknown) => this.logger.warn(`lease renewal failed: ${(err as Error).message}`))
        .finally(() => (this.renewing = undefined));
    }, LEASE_RENEW_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.renewing;
  }

  /** Holds `row` while `work` runs. */
  async holding<T>(key: string, row: K, work: () => Promise<T>): Promise<T> {
    this.held.set(key, row);
    try {
      return await work();
    } finally {
      this.held.delete(key);
    }
  }
}
