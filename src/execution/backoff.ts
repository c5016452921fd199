import type { BackoffPolicy } from '../core/retry/backoff';

/** The outbox's retry policy from `execution.backoffMs`: doubling, capped, with equal jitter. */
export const outboxBackoff = (bounds: { min: number; max: number }): BackoffPolicy => ({
  initialDelayMs: bounds.min,
  maxDelayMs: bounds.max,
  factor: 2,
  jitter: 'equal',
});

/** A token bucket: `rate` call starts per second, bursts up to `rate` (0 = unlimited). */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = Math.max(1, rate);
    this.last = now();
  }

  /** Takes a token if one is there. */
  tryTake(): boolean {
    if (this.rate <= 0) return true;
    const t = this.now();
    this.tokens = Math.min(Math.max(1, this.rate), this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Returns tokens taken for calls that did not start (fewer due rows than taken). */
  giveBack(n: number): void {
    if (this.rate > 0 && n > 0) this.tokens = Math.min(Math.max(1, this.rate), this.tokens + n);
  }
}
