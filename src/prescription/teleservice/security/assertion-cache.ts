import type { AssertionClaims, SignerPort } from './signer.port';

export interface AssertionCacheOptions {
  /** Validity window of each assertion (default 10 min). */
  validityMs?: number;
  /** Sign a new one this long before the current one expires (default 60 s). */
  renewBeforeMs?: number;
  /** NotBefore is set this far in the past to absorb a server clock slightly behind (default 30 s). */
  backdateMs?: number;
  now?: () => Date;
}

/**
 * One signed assertion reused for its validity window: a card signature costs a PIN-unlocked card
 * operation (or an HSM call), so it is made once per window, not per request. Concurrent callers share
 * one signing in flight.
 */
export class AssertionCache {
  private current?: { xml: string; renewAt: number };
  private pending?: Promise<string>;
  private signatures = 0;
  private readonly validityMs: number;
  private readonly renewBeforeMs: number;
  private readonly backdateMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly signer: SignerPort,
    private readonly claims: AssertionClaims,
    options: AssertionCacheOptions = {},
  ) {
    this.validityMs = options.validityMs ?? 10 * 60_000;
    this.renewBeforeMs = Math.min(options.renewBeforeMs ?? 60_000, this.validityMs / 2);
    this.backdateMs = options.backdateMs ?? 30_000;
    this.now = options.now ?? (() => new Date());
  }

  /** How many assertions were signed so far (for tests and metrics). */
  get signCount(): number {
    return this.signatures;
  }

  async get(): Promise<string> {
    const now = this.now().getTime();
    if (this.current && now < this.current.renewAt) return this.current.xml;
    if (!this.pending) {
      this.pending = this.sign(now).finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  /** Drops the cached assertion, e.g. after the teleservice refused it. */
  invalidate(): void {
    this.current = undefined;
  }

  private async sign(now: number): Promise<string> {
    const window = {
      issueInstant: new Date(now),
      notBefore: new Date(now - this.backdateMs),
      notOnOrAfter: new Date(now + this.validityMs),
    };
    const xml = await this.signer.signAssertion(this.claims, window);
    this.signatures += 1;
    this.current = { xml, renewAt: now + this.validityMs - this.renewBeforeMs };
    return xml;
  }
}
