import { once } from 'node:events';
import type { ScanFrame } from '../scanner/types';
import { DEMO_SCANS } from './demo-scans';
import { InMemoryScanner } from './in-memory-scanner';

describe('InMemoryScanner', () => {
  it('frames what it types like a serial scanner would, GS and AIM id included', async () => {
    const scanner = new InMemoryScanner({ framing: { suffix: 'CRLF' }, clock: () => 7 });
    const frames: ScanFrame[] = [];
    scanner.on('frame', (f) => frames.push(f));
    scanner.start();
    await once(scanner, 'status');
    const { gs1DataMatrix, ean13 } = DEMO_SCANS;
    await scanner.scan(gs1DataMatrix.data, { symbology: gs1DataMatrix.aim, split: [3, 10], delayMs: 1 });
    await scanner.scan(ean13.data);
    expect(frames.map((f) => [f.symbology?.id, f.data, f.receivedAt])).toEqual([
      [']d2', gs1DataMatrix.data, 7],
      [undefined, ean13.data, 7],
    ]);
    await scanner.close();
    expect(scanner.status).toBe('disconnected');
  });

  it('refuses to type before start', async () => {
    await expect(new InMemoryScanner().scan('x')).rejects.toMatchObject({ code: 'SIMULATOR_FAILED' });
  });
});
