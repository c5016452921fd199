/** Capped exponential backoff with "equal jitter": half the step is fixed, half random. */
export function backoffDelay(
  attempts: number,
  bounds: { min: number; max: number },
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const step = Math.min(bounds.max, bounds.min * 2 ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}

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
}
