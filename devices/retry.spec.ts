import { backoffDelay, RetryLoop } from './retry';

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const backoff = { initialDelayMs: 200, maxDelayMs: 5000, factor: 2 };
    expect([0, 1, 2, 3, 4, 5, 9, 1000].map((n) => backoffDelay(n, backoff))).toEqual([
      200, 400, 800, 1600, 3200, 5000, 5000, 5000,
    ]);
  });

  describe('with equal jitter: half the step fixed, half random', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 'equal' as const };

    it.each([
      [0, 50, 100],
      [1, 100, 200],
      [2, 200, 400],
      [3, 400, 800],
      [4, 500, 1000],
      [49, 500, 1000],
    ])('after %i failure(s) waits between %i and %i ms', (failures, low, high) => {
      expect(backoffDelay(failures, policy, () => 0)).toBe(low);
      expect(backoffDelay(failures, policy, () => 1)).toBe(high);
    });
  });
});

describe('RetryLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** An attempt that fails `failures` times, then succeeds; records when it ran. */
  function attempts(failures: number) {
    const at: number[] = [];
    const attempt = jest.fn(async () => {
      at.push(Date.now());
      return at.length > failures;
    });
    return { at, attempt };
  }

  it('retries with growing delays until the attempt succeeds', async () => {
    const { at, attempt } = attempts(3);
    const t0 = Date.now();
    new RetryLoop(attempt, { initialDelayMs: 100, maxDelayMs: 250, factor: 2 }).start();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(at.map((t) => t - t0)).toEqual([0, 100, 300, 550]);
  });

  it('leaves no timer after stop', async () => {
    const { attempt } = attempts(Infinity);
    const loop = new RetryLoop(attempt, { initialDelayMs: 100 });
    loop.start();
    await jest.advanceTimersByTimeAsync(150);
    loop.stop();
    expect(jest.getTimerCount()).toBe(0);
    loop.start();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('runs once more when started again during an attempt', async () => {
    let release!: () => void;
    const attempt = jest.fn(() => new Promise<boolean>((resolve) => (release = () => resolve(true))));
    const loop = new RetryLoop(attempt);
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    loop.start();
    release();
    await jest.advanceTimersByTimeAsync(0);
    expect(attempt).toHaveBeenCalledTimes(2);
    release();
    await jest.advanceTimersByTimeAsync(1000);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('treats a throwing attempt as a failure', async () => {
    const attempt = jest.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(true);
    new RetryLoop(attempt, { initialDelayMs: 50 }).start();
    await jest.advanceTimersByTimeAsync(60);
    expect(attempt).toHaveBeenCalledTimes(2);
  });
});
