import { FixedClock } from '../../core/clock/clock';
import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));
  let breaker: CircuitBreaker;
  const fail = (times: number): void => {
    for (let i = 0; i < times; i += 1) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.onFailure();
    }
  };

  beforeEach(() => {
    clock.set(new Date('2026-11-22T09:00:00Z'));
    breaker = new CircuitBreaker({
      failureThreshold: 3,
      cooldownMs: 10_000,
      now: () => clock.now().getTime(),
    });
  });

  it('stays closed below the threshold and resets the count on success', () => {
    fail(2);
    breaker.tryAcquire();
    breaker.onSuccess();
    fail(2);
    expect(breaker.state).toBe('closed');
  });

  it('opens after N consecutive failures and refuses calls during the cool-down', () => {
    fail(3);
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    clock.advance(4_000);
    expect(breaker.retryAfterMs()).toBe(6_000);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('lets one trial through when half-open, and closes when it succeeds', () => {
    fail(3);
    clock.advance(10_000);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.onSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('re-opens for a full cool-down when the trial fails', () => {
    fail(3);
    clock.advance(10_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.onFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.retryAfterMs()).toBe(10_000);
  });

  it('frees the trial slot when a call is released without an outcome', () => {
    fail(3);
    clock.advance(10_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
  });
});
