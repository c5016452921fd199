export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive transport failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** Time open before one trial call is let through (default 30 s). */
  cooldownMs?: number;
  now?: () => number;
}

/**
 * Stops hammering a teleservice that does not answer: after N consecutive transport failures every call
 * fails fast until the cool-down ends, then a single trial call decides between closing and re-opening.
 * Business answers (faults included) are successes: the service is up.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = Math.max(1, options.failureThreshold ?? 5);
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** Milliseconds until a call may be tried again (0 when closed). */
  retryAfterMs(): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(0, this.openedAt + this.cooldownMs - this.now());
  }

  /** Asks to send one call; every `true` must be followed by onSuccess, onFailure or release. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  onSuccess(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  onFailure(): void {
    this.failures += 1;
    if (this.trialInFlight || this.failures >= this.threshold) this.openedAt = this.now();
    this.trialInFlight = false;
  }

  /** The call ended without telling anything about the service (e.g. nothing was sent). */
  release(): void {
    this.trialInFlight = false;
  }
}
