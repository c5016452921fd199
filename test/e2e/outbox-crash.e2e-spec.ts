import { CI_CRASH_HELD, CI_CRASH_RUN, crashVerdict, runOutboxCrash } from '../support/outbox-crash';

jest.setTimeout(240_000);

/** The crash proof at CI size; `npm run bench -- outbox` runs it at full size (1,000 / 200 / 20). */
describe('outbox through SIGKILLs of the service process, dispensing over the HTTP API', () => {
  it('delivers 100 executions over 20 prescriptions exactly once and in order through 5 kills, cancellations mixed in', async () => {
    // Every 7th dispensation is cancelled once acknowledged, its cancellation delivered in the same order.
    expect(crashVerdict(await runOutboxCrash(CI_CRASH_RUN))).toEqual(CI_CRASH_HELD);
  });
});
