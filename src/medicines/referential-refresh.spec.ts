import { FixedClock } from '../core/clock/clock';
import type { AppConfig } from '../core/config/config.schema';
import { downloadBdpm } from './bdpm/bdpm-download';
import type { BdpmImporter, ImportResult } from './bdpm/bdpm-importer';
import type { BdpmReferential } from './bdpm/bdpm.referential';
import { nextRefreshAt, ReferentialRefresh } from './referential-refresh';

jest.mock('./bdpm/bdpm-download', () => ({ downloadBdpm: jest.fn() }));

// Local times: the assertions read local fields, whatever TZ the test process has.
const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi);

describe('nextRefreshAt', () => {
  it.each([
    ['before the hour: today', local(2026, 6, 10, 1, 0), local(2026, 6, 10, 4, 30)],
    ['after the hour: tomorrow', local(2026, 6, 10, 9, 15), local(2026, 6, 11, 4, 30)],
    ['at the hour exactly: tomorrow', local(2026, 6, 10, 4, 30), local(2026, 6, 11, 4, 30)],
    ['across a month end', local(2026, 6, 30, 23, 0), local(2026, 7, 1, 4, 30)],
  ])('%s', (_name, now, expected) => {
    expect(nextRefreshAt(now, '04:30')).toEqual(expected);
  });
});

describe('ReferentialRefresh scheduling', () => {
  const download = jest.mocked(downloadBdpm);
  const files = new Map([['CIS_bdpm.txt', new Uint8Array([1])]]);
  const imported = { status: 'imported', versionId: 2, counts: {}, durationMs: 1 } as unknown as ImportResult;

  function refresh(dailyRefresh: boolean) {
    const clock = new FixedClock(local(2026, 6, 10, 4, 29));
    const importer = { importFiles: jest.fn().mockResolvedValue(imported) };
    const referential = { reloadIfChanged: jest.fn().mockResolvedValue(true) };
    const config = {
      referential: {
        url: 'http://ansm.test/download/file/',
        downloadTimeoutMs: 1000,
        dailyRefresh,
        refreshAt: '04:30',
      },
    } as AppConfig;
    const service = new ReferentialRefresh(
      config,
      importer as unknown as BdpmImporter,
      referential as unknown as BdpmReferential,
      clock,
    );
    return { service, importer, referential, clock };
  }

  beforeEach(() => {
    jest.useFakeTimers();
    download.mockReset().mockResolvedValue(files);
  });

  afterEach(() => jest.useRealTimers());

  it('downloads and imports at the configured time, then again the next day', async () => {
    const { service, importer, referential, clock } = refresh(true);
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(59_000);
    expect(download).not.toHaveBeenCalled();
    clock.set(local(2026, 6, 10, 4, 30));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(download).toHaveBeenCalledWith('http://ansm.test/download/file/', { timeoutMs: 1000 });
    expect(importer.importFiles).toHaveBeenCalledWith(files, { source: 'http://ansm.test/download/file/' });
    expect(referential.reloadIfChanged).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(1); // tomorrow's
    await service.onModuleDestroy();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('schedules nothing when the daily refresh is off', () => {
    refresh(false).service.onApplicationBootstrap();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('logs a failed refresh and keeps going', async () => {
    download.mockRejectedValue(new Error('no network'));
    const { service, importer } = refresh(false);
    await expect(service.refreshNow()).resolves.toBeUndefined();
    expect(importer.importFiles).not.toHaveBeenCalled();
  });
});
