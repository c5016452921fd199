import type { Pharmacies } from '../core/config/pharmacies';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { FixedClock } from '../core/clock/clock';
import type { AppConfig } from '../core/config/config.schema';
import type { EventsService } from '../core/events/events.service';
import type { Database } from '../core/database/database';
import type { ScanRepository } from './scan.repository';
import { SCAN_RECEIVED, ScanReceivedEvent } from './scan.events';
import { ScanService } from './scan.service';

/** The scan's trail record is written exactly once, by its claimant's transaction or by the scan stage. */
describe('ScanService and the trail record', () => {
  let inserted: string[];
  let published: string[];
  let emitter: EventEmitter2;
  const service = () =>
    new ScanService(
      {
        transaction: (work: (m: EntityManager) => Promise<unknown>) => work({} as EntityManager),
      } as Database,
      {
        insert: async (_m: EntityManager, row: { id: string }) => void inserted.push(row.id),
      } as unknown as ScanRepository,
      { publish: (type: string) => void published.push(type) } as unknown as EventsService,
      emitter,
      new FixedClock(new Date('2026-11-22T09:00:00Z')),
      { scan: { maxLength: 4096 }, log: { rawScans: false } } as unknown as AppConfig,
      { resolve: () => 'default' } as unknown as Pharmacies,
    );
  const ingest = (s: ScanService) =>
    s.ingest({ data: '202611200930000001', terminalId: 'counter-1', source: 'api' });

  beforeEach(() => {
    inserted = [];
    published = [];
    emitter = new EventEmitter2();
  });

  it('writes it while routing when no router claims it, after the SSE scan event', async () => {
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- emitAsync awaits the listener's promise
    emitter.on(SCAN_RECEIVED, async () => {
      expect(published).toEqual(['scan']);
      return {};
    });
    const result = await ingest(service());
    expect(inserted).toEqual([result.id]);
  });

  it('leaves it to the router that claims it and commits it in its own transaction', async () => {
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- emitAsync awaits the listener's promise
    emitter.on(SCAN_RECEIVED, async (event: ScanReceivedEvent) => {
      expect(event.trail!.claim()).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
      event.trail!.committed();
      return {};
    });
    await ingest(service());
    expect(inserted).toEqual([]);
  });

  it('writes it after routing when the claimant failed before its commit', async () => {
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- emitAsync awaits the listener's promise
    emitter.on(SCAN_RECEIVED, async (event: ScanReceivedEvent) => {
      event.trail!.claim();
      throw new Error('transaction rolled back');
    });
    await expect(ingest(service())).rejects.toThrow('rolled back');
    expect(inserted).toHaveLength(1);
  });

  it('cannot be claimed once the scan stage writes it', async () => {
    let late: boolean | undefined;
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- emitAsync awaits the listener's promise
    emitter.on(SCAN_RECEIVED, async (event: ScanReceivedEvent) => {
      await Promise.resolve();
      late = event.trail!.claim();
      return {};
    });
    await ingest(service());
    expect([late, inserted.length]).toEqual([false, 1]);
  });
});
