import { FaultInjector } from './fault-injector';

describe('FaultInjector', () => {
  const pattern = (seed: number, rate: number, n = 40): string => {
    const injector = new FaultInjector();
    injector.configure({ mode: 'http500', rate, seed });
    return Array.from({ length: n }, () => (injector.next() ? 'x' : '.')).join('');
  };

  it('injects nothing by default or with mode none', () => {
    const injector = new FaultInjector();
    expect(injector.next()).toBeUndefined();
    injector.configure({ mode: 'none', rate: 1 });
    expect(injector.next()).toBeUndefined();
  });

  it('always injects at rate 1 and never at rate 0', () => {
    expect(pattern(1, 1)).toBe('x'.repeat(40));
    expect(pattern(1, 0)).toBe('.'.repeat(40));
  });

  it('replays the same pattern from the same seed, and a different one from another seed', () => {
    expect(pattern(42, 0.5)).toBe(pattern(42, 0.5));
    expect(pattern(42, 0.5)).not.toBe(pattern(43, 0.5));
    const hits = pattern(7, 0.3, 1000).split('x').length - 1;
    expect(hits).toBeGreaterThan(230);
    expect(hits).toBeLessThan(370);
  });

  it('carries the latency', () => {
    const injector = new FaultInjector();
    injector.configure({ mode: 'latency', rate: 1, latencyMs: 250 });
    expect(injector.next()).toEqual({ mode: 'latency', latencyMs: 250 });
  });
});
