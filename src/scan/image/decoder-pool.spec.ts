import { symbolPicture, qrModules, toPng } from '../../../test/support/image-transforms';
import { ScanException } from '../scan.exception';
import { decodeImage } from './decode-image';
import { ImageDecoderPool } from './decoder-pool';

const config = (imageWorkers: number, imageQueue: number) => ({
  scan: { maxLength: 4096, imageWorkers, imageQueue },
});

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof ScanException) return { code: err.code, extra: err.extra };
    throw err;
  }
  return { code: 'none' };
};

describe('ImageDecoderPool (real worker threads, loading the TypeScript source)', () => {
  const qr = toPng(symbolPicture(qrModules('hello from a worker'), 4));
  const pools: ImageDecoderPool[] = [];
  const pool = (workers: number, queue: number, graceMs?: number) => {
    const p = new ImageDecoderPool(config(workers, queue), graceMs);
    pools.push(p);
    return p;
  };

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.onModuleDestroy()));
  });

  it('reads a picture in a worker, as in-process', async () => {
    const p = pool(1, 4);
    const codes = await decodeImage(qr, 'image/png', {}, p.run);
    expect(codes.map((c) => c.text)).toEqual(['hello from a worker']);
    expect(p.stats).toEqual({ running: 0, queued: 0, killed: 0 });
  });

  it("carries a worker's refusal back as the same typed error", async () => {
    const corrupt = Buffer.concat([qr.subarray(0, 60), Buffer.alloc(200, 7)]);
    expect((await failure(decodeImage(corrupt, 'image/png', {}, pool(1, 4).run))).code).toBe(
      'IMAGE_UNREADABLE',
    );
  });

  it('kills a worker whose job outlives its budget, answers NO_CODE_FOUND, and goes on with a new one', async () => {
    // No grace: the worker is killed before it could even have loaded.
    const p = pool(1, 4, 0);
    expect((await failure(decodeImage(qr, 'image/png', { deadlineMs: 0 }, p.run))).code).toBe(
      'NO_CODE_FOUND',
    );
    expect(p.stats.killed).toBe(1);
    const fresh = pool(1, 4);
    expect((await decodeImage(qr, 'image/png', {}, fresh.run)).length).toBe(1);
  });

  it('queues up to imageQueue jobs behind busy workers; one more is IMAGE_BUSY with a retry delay', async () => {
    const p = pool(1, 1);
    const first = decodeImage(qr, 'image/png', {}, p.run);
    const second = decodeImage(qr, 'image/png', {}, p.run);
    expect(p.stats).toMatchObject({ running: 1, queued: 1 });
    const third = await failure(decodeImage(qr, 'image/png', {}, p.run));
    expect(third).toEqual({ code: 'IMAGE_BUSY', extra: { retryAfterSeconds: 5 } });
    expect((await first).length).toBe(1);
    expect((await second).length).toBe(1);
  });
});
