import { CI_CRASH_HELD, CI_CRASH_RUN, crashVerdict, runOutboxCrash } from '../support/outbox-crash';

jest.setTimeout(300_000);

/**
 * The crash proof with two instances on one PostgreSQL database (docs/data.md § Several instances),
 * at CI size; `npm run bench -- outbox` runs it at full size (1,000 / 200 / 20). The counters dispense over
 * the HTTP API on both instances; each SIGKILL hits one of them at random while the other keeps serving and
 * delivering, and the killed one is restarted. PostgreSQL only (the e2e-pg project).
 */
describe('outbox through SIGKILLs of either of two instances on one PostgreSQL database', () => {
  it('delivers 100 executions over 20 prescriptions exactly once and in order through 5 kills, cancellations mixed in', async () => {
    const result = await runOutboxCrash({ ...CI_CRASH_RUN, instances: 2 });
    expect(crashVerdict(result)).toEqual(CI_CRASH_HELD);
  });
});
