import { Logger } from '@nestjs/common';
import { Leases, LEASE_MS, LEASE_RENEW_MS } from './leases';

describe('Leases', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const at = new Date('2026-12-01T10:00:00Z');
  const make = () => {
    const renewals: { rows: string[]; until: Date }[] = [];
    const leases = new Leases<string>(
      () => at,
      async (rows, until) => void renewals.push({ rows, until }),
      new Logger('test'),
    );
    return { leases, renewals };
  };

  it('ends a lease LEASE_MS after now', () => {
    expect(make().leases.until()).toEqual(new Date(at.getTime() + LEASE_MS));
  });

  it('renews the rows held while their work runs, and no others', async () => {
    const { leases, renewals } = make();
    leases.start();
    let finish!: () => void;
    const work = leases.holding('a', 'row-a', () => new Promise<void>((r) => (finish = r)));
    await jest.advanceTimersByTimeAsync(LEASE_RENEW_MS);
    expect(renewals).toEqual([{ rows: ['row-a'], until: new Date(at.getTime() + LEASE_MS) }]);
    finish();
    await work;
    await jest.advanceTimersByTimeAsync(3 * LEASE_RENEW_MS);
    expect(renewals).toHaveLength(1);
    await leases.stop();
  });

  it('stops renewing once stopped, and a failed renewal is only logged', async () => {
    const leases = new Leases<string>(
      () => at,
      () => Promise.reject(new Error('connection lost')),
      new Logger('test'),
    );
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    leases.start();
    const work = leases.holding('a', 'row-a', () => new Promise<void>(() => undefined));
    await jest.advanceTimersByTimeAsync(LEASE_RENEW_MS);
    expect(warn).toHaveBeenCalledWith('lease renewal failed: connection lost');
    await leases.stop();
    warn.mockClear();
    await jest.advanceTimersByTimeAsync(3 * LEASE_RENEW_MS);
    expect(warn).not.toHaveBeenCalled();
    void work;
    warn.mockRestore();
  });
});
