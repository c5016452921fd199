export interface CallHealthOptions {
  /** How many of the latest calls are looked at (default 5). */
  window?: number;
  /** Failures within the window that make the teleservice failing (default 3). */
  failures?: number;
  /** Successes in a row that make a failing teleservice healthy again (default 2). */
  recovery?: number;
}

/**
 * What /health says about the teleservice, from the calls actually made rather than from a probe: a WSDL
 * that answers says nothing of SOAP calls that all end in HTTP 500. Failing once `failures` of the last
 * `window` calls failed (5xx, server faults, timeouts, unreadable answers); healthy again after `recovery`
 * successes in a row, which also forget the failures before them.
 */
export class CallHealth {
  private readonly window: number;
  private readonly failures: number;
  private readonly recovery: number;
  /** Latest calls, oldest first: true for a failure. */
  private readonly recent: boolean[] = [];
  private successesInARow = 0;
  private isFailing = false;

  constructor(options: CallHealthOptions = {}) {
    this.window = Math.max(1, options.window ?? 5);
    this.failures = Math.min(this.window, Math.max(1, options.failures ?? 3));
    this.recovery = Math.max(1, options.recovery ?? 2);
  }

  /** One call's outcome: `failed` when the service itself failed (not a business refusal). */
  record(failed: boolean): void {
    this.recent.push(failed);
    if (this.recent.length > this.window) this.recent.shift();
    if (failed) {
      this.successesInARow = 0;
      if (this.failedCount() >= this.failures) this.isFailing = true;
      return;
    }
    this.successesInARow += 1;
    if (this.isFailing && this.successesInARow >= this.recovery) {
      this.isFailing = false;
      this.recent.length = 0;
    }
  }

  get failing(): boolean {
    return this.isFailing;
  }

  /** For /health: e.g. "3 of the last 5 calls failed". */
  describe(): string {
    return `${this.failedCount()} of the last ${this.recent.length} calls failed`;
  }

  private failedCount(): number {
    return this.recent.filter(Boolean).length;
  }
}
