import fc from 'fast-check';
import { qrModules, symbolPicture, toJpeg, toPng } from '../../../test/support/image-transforms';
import { ordonnancePdf } from '../../../test/support/pdf-fixture';
import { ScanException } from '../scan.exception';
import { decodeImage } from './decode-image';

/** Damaged pictures and PDFs end as a ScanException (a 4xx), never as another error (a 500). */
describe('decodeImage on damaged input', () => {
  let seeds: Buffer[];

  beforeAll(async () => {
    const pic = symbolPicture(qrModules('{"a":1}'), 3);
    seeds = [toPng(pic), toJpeg(pic, 80), await ordonnancePdf('{"S":{"V":2}}')];
  });

  it('answers only with scan codes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 2 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 255 })), {
          minLength: 1,
          maxLength: 16,
        }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        async (which, edits, truncate) => {
          const bytes = Buffer.from(seeds[which]);
          for (const [at, value] of edits) bytes[Math.floor((0.05 + 0.95 * at) * (bytes.length - 1))] = value;
          const input = truncate === null ? bytes : bytes.subarray(0, Math.floor(truncate * bytes.length));
          try {
            await decodeImage(input, 'image/png', { deadlineMs: 250 });
          } catch (err) {
            expect(err).toBeInstanceOf(ScanException);
            expect(['IMAGE_UNREADABLE', 'NO_CODE_FOUND', 'IMAGE_TOO_LARGE']).toContain(
              (err as ScanException).code,
            );
          }
        },
      ),
      { numRuns: 30, seed: 9 },
    );
  }, 60_000);
});
