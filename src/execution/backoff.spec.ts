import { backoffDelay, RateLimiter } from './backoff';

describe('backoffDelay', () => {
  const bounds = { min: 100, max: 1000 };

  it.each([
    [1, 50, 100],
    [2, 100, 200],
    [3, 200, 400],
    [4, 400, 800],
    [5, 500, 1000],
    [50, 500, 1000],
  ])('attempt %i waits between %i and %i ms', (attempts, low, high) => {
    expect(backoffDelay(attempts, bounds, () => 0)).toBe(low);
    expect(backoffDelay(attempts, bounds, () => 1)).toBe(high);
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

  it('is unlimited at 0', () => {
    const limiter = new RateLimiter(0);
    expect(Array.from({ length: 100 }, () => limiter.tryTake()).every(Boolean)).toBe(true);
  });
});
