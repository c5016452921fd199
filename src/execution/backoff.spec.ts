import { outboxBackoff, RateLimiter } from './backoff';

describe('outboxBackoff', () => {
  it('doubles from execution.backoffMs.min to its max, with equal jitter', () => {
    expect(outboxBackoff({ min: 100, max: 1000 })).toEqual({
      initialDelayMs: 100,
      maxDelayMs: 1000,
      factor: 2,
      jitter: 'equal',
    });
  });
});

describe('RateLimiter', () => {
  it('lets `rate` calls through per second', () => {
    let t = 0;
    const limiter = new RateLimiter(2, () => t);
    expect([limiter.tryTake(), limiter.tryTake(), limiter.tryTake()]).toEqual([true, true, false]);
    t = 500;
    expect([limiter.tryTake(), limiter.tryTake()]).toEqual([true, false]);
  });

  it('takes back tokens given back, up to its burst', () => {
    const t = 0;
    const limiter = new RateLimiter(2, () => t);
    expect([limiter.tryTake(), limiter.tryTake(), limiter.tryTake()]).toEqual([true, true, false]);
    limiter.giveBack(5);
    expect([limiter.tryTake(), limiter.tryTake(), limiter.tryTake()]).toEqual([true, true, false]);
  });

  it('is unlimited at 0', () => {
    const limiter = new RateLimiter(0);
    expect(Array.from({ length: 100 }, () => limiter.tryTake()).every(Boolean)).toBe(true);
  });
});
