import { runOutboxCrash } from '../support/outbox-crash';

jest.setTimeout(240_000);

/** The crash proof at CI size; `npm run bench -- outbox` runs it at full size (1,000 / 200 / 20). */
describe('outbox through SIGKILLs of the service process, dispensing over the HTTP API', () => {
  it('delivers 100 executions over 20 prescriptions exactly once and in order through 5 kills, cancellations mixed in', async () => {
    const result = await runOutboxCrash({
      executions: 100,
      prescriptions: 20,
      kills: 5,
      terminals: 4,
      cancelEvery: 7,
    });
    expect(result.violations).toEqual([]);
    expect(result.left).toBe(0);
    expect(result.kills).toBe(5);
    // Every 7th dispensation was cancelled once acknowledged, its cancellation delivered in the same order.
    expect(result.cancellations).toBe(14);
    // The kills hit the counters too: some requests had to be resent under their Idempotency-Key.
    expect(result.resent).toBeGreaterThan(0);
  });
});
