// The one retry policy of Comptoir and its drivers: capped exponential backoff, optionally with "equal
// jitter", and the loop that retries an attempt until it holds. Framework-free and pure but for the loop's
// timer, so devices/ use it directly and the service through src/core/retry.ts (devices/ may not import
// src/). The outbox dispatcher, the scanners' and the Vitale bridge's reconnections use it.

export interface BackoffPolicy {
  /** Delay after the first failure. */
  initialDelayMs: number;
  /** Cap on the delay. */
  maxDelayMs: number;
  /** Growth per failure. */
  factor: number;
  /**
   * `none` (the default) waits the step; `equal` waits half the step plus a random part of the other half,
   * so that many callers failing together do not retry together.
   */
  jitter?: 'none' | 'equal';
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 200, maxDelayMs: 5000, factor: 2 };

/** The delay before the next try, after `failures` failures in a row (0 for the first retry's). */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures, 0), 64);
  const step = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** exponent);
  return policy.jitter === 'equal' ? Math.round(step / 2 + random() * (step / 2)) : step;
}

export class RetryLoop {
  private readonly backoff: BackoffPolicy;
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;
  private failures = 0;

  /** `attempt` resolves true on success; it reports its own failures and should not throw. */
  constructor(
    private readonly attempt: () => Promise<boolean>,
    backoff?: Partial<BackoffPolicy>,
  ) {
    this.backoff = { ...DEFAULT_BACKOFF, ...backoff };
  }

  /** Starts trying now; during a try, once more right after it (the device may have gone meanwhile). */
  start(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else if (!this.timer) this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // run() catches the attempt's failures itself: nothing is left unhandled.
      void this.run();
    }, delayMs);
  }

  private async run(): Promise<void> {
    this.running = true;
    this.again = false;
    const ok = await this.attempt().catch(() => false);
    this.running = false;
    if (ok) this.failures = 0;
    if (this.stopped || (ok && !this.again)) return;
    this.schedule(ok ? 0 : backoffDelay(this.failures++, this.backoff));
  }
}
