import { DEFAULT_BACKOFF, type BackoffOptions } from './types';

export function backoffDelay(failures: number, backoff: BackoffOptions): number {
  return Math.min(backoff.maxDelayMs, backoff.initialDelayMs * backoff.factor ** failures);
}

export class RetryLoop {
  private readonly backoff: BackoffOptions;
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;
  private failures = 0;

  /** `attempt` resolves true on success; it reports its own failures and should not throw. */
  constructor(
    private readonly attempt: () => Promise<boolean>,
    backoff?: Partial<BackoffOptions>,
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
