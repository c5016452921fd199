import { runOutboxCrash } from '../support/outbox-crash';

jest.setTimeout(170_000);

/** The crash proof at CI size; `npm run bench -- outbox` runs it at full size (1,000 / 200 / 20). */
describe('outbox through SIGKILLs of the service process', () => {
  it('delivers 100 executions over 20 prescriptions exactly once and in order through 5 kills', async () => {
    const result = await runOutboxCrash({ executions: 100, prescriptions: 20, kills: 5 });
    expect(result.violations).toEqual([]);
    expect(result.left).toBe(0);
  });
});
