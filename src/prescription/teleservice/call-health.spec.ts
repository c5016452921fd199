import { CallHealth } from './call-health';

const F = true;
const S = false;

function after(outcomes: boolean[], health = new CallHealth()): CallHealth {
  for (const failed of outcomes) health.record(failed);
  return health;
}

describe('CallHealth', () => {
  it.each([
    ['no call yet', [], false],
    ['two failures', [F, F], false],
    ['three failures in a row', [F, F, F], true],
    ['three of the last five, spread out', [F, S, F, S, F], true],
    ['three failures of which one left the window', [F, S, F, S, S, F], false],
    ['a lone success after failing', [F, F, F, S], true],
    ['two successes in a row after failing', [F, F, F, S, S], false],
    ['two successes that are not in a row', [F, F, F, S, F, S], true],
    ['a failure right after recovering (old failures are forgotten)', [F, F, F, S, S, F], false],
    ['failing again after recovering', [F, F, F, S, S, F, F, F], true],
  ])('%s → failing %s', (_name, outcomes, failing) => {
    expect(after(outcomes).failing).toBe(failing);
  });

  it('says how many of the latest calls failed', () => {
    expect(after([S, F, F, S, F, F]).describe()).toBe('4 of the last 5 calls failed');
    expect(after([]).describe()).toBe('0 of the last 0 calls failed');
  });

  it('takes other thresholds', () => {
    const strict = new CallHealth({ window: 2, failures: 1, recovery: 1 });
    expect(after([F], strict).failing).toBe(true);
    expect(after([S], strict).failing).toBe(false);
  });
});
