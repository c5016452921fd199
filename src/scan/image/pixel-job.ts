import { FoundCode, findCodes } from './find-codes';
import { GreyImage } from './grey-image';
import { decodeRaster } from './raster';

/**
 * The CPU-heavy part of reading a picture: decoding its pixels and sweeping them for codes. It runs in a
 * worker thread of the decoder pool (decoder-pool.ts) in the service, in-process in tests and tools.
 */
export type PixelJob =
  | {
      kind: 'raster';
      bytes: Uint8Array;
      format: 'png' | 'jpeg';
      maxPixels: number;
      /** Time allowed from the moment the job starts. */
      budgetMs: number;
      maxCodes: number;
      fallbacks: boolean;
    }
  | { kind: 'grey'; image: GreyImage; budgetMs: number; maxCodes: number; fallbacks: boolean };

export interface PixelResult {
  codes: FoundCode[];
  timedOut: boolean;
}

/** Runs a job: how the pixels are worked on. */
export type PixelWork = (job: PixelJob) => Promise<PixelResult>;

/** In this thread (tests, tools, and the worker itself). */
export const runPixelJob: PixelWork = async (job) => {
  const deadline = Date.now() + job.budgetMs;
  const image =
    job.kind === 'raster'
      ? decodeRaster(
          Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength),
          job.format,
          job.maxPixels,
        )
      : job.image;
  return findCodes(image, { deadline, maxCodes: job.maxCodes, fallbacks: job.fallbacks });
};
