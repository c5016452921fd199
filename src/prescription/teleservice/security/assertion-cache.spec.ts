import { FixedClock } from '../../../core/clock/clock';
import { AssertionCache } from './assertion-cache';
import { AssertionClaims, AssertionWindow, SignerPort } from './signer.port';

class CountingSigner extends SignerPort {
  readonly windows: AssertionWindow[] = [];
  fail = false;

  async signAssertion(_claims: AssertionClaims, window: AssertionWindow): Promise<string> {
    if (this.fail) throw new Error('card removed');
    this.windows.push(window);
    return `<assertion n="${this.windows.length}"/>`;
  }
}

const CLAIMS: AssertionClaims = {
  rpps: '10001234567',
  role: 'pharmacien',
  pharmacy: { finess: '990000011' },
  software: { id: 'comptoir', name: 'Comptoir', version: '0.1.0' },
};

describe('AssertionCache', () => {
  const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));
  let signer: CountingSigner;
  let cache: AssertionCache;

  beforeEach(() => {
    clock.set(new Date('2026-11-22T09:00:00Z'));
    signer = new CountingSigner();
    cache = new AssertionCache(signer, CLAIMS, {
      validityMs: 600_000,
      renewBeforeMs: 60_000,
      now: () => clock.now(),
    });
  });

  it('signs once and reuses the assertion inside its window', async () => {
    expect(await cache.get()).toBe('<assertion n="1"/>');
    clock.advance(8 * 60_000);
    expect(await cache.get()).toBe('<assertion n="1"/>');
    expect(cache.signCount).toBe(1);
    expect(signer.windows[0]).toEqual({
      issueInstant: new Date('2026-11-22T09:00:00Z'),
      notBefore: new Date('2026-11-22T08:59:30Z'),
      notOnOrAfter: new Date('2026-11-22T09:10:00Z'),
    });
  });

  it('signs a new one shortly before the current one expires', async () => {
    await cache.get();
    clock.advance(9 * 60_000);
    expect(await cache.get()).toBe('<assertion n="2"/>');
  });

  it('shares one signing between concurrent callers', async () => {
    const all = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(new Set(all).size).toBe(1);
    expect(cache.signCount).toBe(1);
  });

  it('signs again after invalidate, and surfaces signer failures without caching them', async () => {
    await cache.get();
    cache.invalidate();
    expect(await cache.get()).toBe('<assertion n="2"/>');
    cache.invalidate();
    signer.fail = true;
    await expect(cache.get()).rejects.toThrow('card removed');
    signer.fail = false;
    expect(await cache.get()).toBe('<assertion n="3"/>');
  });
});
