import { ScanException } from '../scan.exception';
import type { FoundCode } from './find-codes';
import { GreyImage } from './grey-image';
import { pdfPageSizes, renderPdfPage } from './pdf-render';
import { PixelWork, runPixelJob } from './pixel-job';
import { assertRasterBudget, sniffFormat } from './raster';
import type { CodeFormat } from './zxing-read';
import { SCAN_DETAILS } from '../error-messages';

export type { CodeFormat } from './zxing-read';

export interface CodePosition {
  /** 1-based page of a PDF; absent for a picture. */
  page?: number;
  /** Pixels of the picture, or of the page rendered at `IMAGE_LIMITS.pdfDpi`. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DecodedCode {
  text: string;
  format: CodeFormat;
  position: CodePosition;
}

export interface DecodeImageOptions {
  /** Time budget for the whole picture or document, rendering included. */
  deadlineMs?: number;
  maxPixels?: number;
  /** Bytes the decoded samples may take (width × height × channels × bytes per sample, from the header). */
  maxDecodedBytes?: number;
  maxPages?: number;
  pdfDpi?: number;
  maxCodes?: number;
}

/** Limits for one picture (docs/scanning.md § Codes from images). */
export const IMAGE_LIMITS = {
  deadlineMs: 5000,
  // A4 at 600 dpi, or a 24-megapixel photo: decoded, both take about 100 MB of RGBA for a moment.
  maxPixels: 36_000_000,
  // Every 8-bit picture of maxPixels (RGBA: 144 MB); a 16-bit one of that size (up to 288 MB) is refused
  // before pngjs spends seconds inflating it.
  maxDecodedBytes: 150_000_000,
  maxPages: 10,
  // 200 dpi gives a 25 mm ON QR (version 8–10) about 4 pixels per module.
  pdfDpi: 200,
  maxCodes: 16,
} as const;

export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const;

/**
 * Every QR code and DataMatrix in a PNG, a JPEG or a PDF, in reading order (page, top to bottom).
 * The format is taken from the bytes, not from `mimeType` (which only names what the caller declared).
 * Errors: IMAGE_UNREADABLE (not an image, corrupt), IMAGE_TOO_LARGE (pixels, decoded bytes or pages),
 * NO_CODE_FOUND (nothing readable before the deadline), IMAGE_RENDERER_UNAVAILABLE (no pdftoppm on this
 * machine), IMAGE_BUSY (the worker pool's queue is full). `work` decodes and sweeps the pixels: the
 * service passes its worker pool (decoder-pool.ts); tests and tools run it in-process.
 */
export async function decodeImage(
  bytes: Buffer,
  mimeType: string,
  options: DecodeImageOptions = {},
  work: PixelWork = runPixelJob,
): Promise<DecodedCode[]> {
  const limits = { ...IMAGE_LIMITS, ...options };
  const started = Date.now();
  const deadline = started + limits.deadlineMs;
  const format = sniffFormat(bytes);
  if (!format) {
    throw new ScanException(
      'IMAGE_UNREADABLE',
      SCAN_DETAILS.IMAGE_UNREADABLE.notImage({ declared: mimeType }),
    );
  }
  const found: DecodedCode[] = [];
  let timedOut = false;
  const collect = async (
    source: { kind: 'grey'; image: GreyImage } | { kind: 'raster'; format: 'png' | 'jpeg' },
    page?: number,
  ) => {
    const sweep = {
      budgetMs: Math.max(0, deadline - Date.now()),
      maxCodes: limits.maxCodes - found.length,
      fallbacks: found.length === 0,
    };
    const result = await work(
      source.kind === 'grey'
        ? { ...sweep, kind: 'grey', image: source.image }
        : { ...sweep, kind: 'raster', bytes, format: source.format, maxPixels: limits.maxPixels },
    );
    timedOut ||= result.timedOut;
    found.push(...result.codes.map((c) => toDecoded(c, page)));
  };
  if (format === 'pdf') {
    const sizes = await pdfPageSizes(bytes, limits.maxPages, deadline);
    for (const size of sizes) {
      if (Date.now() >= deadline || found.length >= limits.maxCodes) break;
      let image: GreyImage;
      try {
        ({ image } = await renderPdfPage(bytes, size, {
          dpi: limits.pdfDpi,
          maxPixels: limits.maxPixels,
          deadline,
        }));
      } catch (err) {
        // A later page that cannot be rendered (in time) does not cost the codes already read.
        if (found.length > 0 && err instanceof ScanException && err.code === 'IMAGE_UNREADABLE') break;
        throw err;
      }
      await collect({ kind: 'grey', image }, size.page);
    }
  } else {
    assertRasterBudget(bytes, format, limits);
    await collect({ kind: 'raster', format });
  }
  if (found.length === 0) {
    throw new ScanException(
      'NO_CODE_FOUND',
      timedOut
        ? SCAN_DETAILS.NO_CODE_FOUND.timedOut({ ms: limits.deadlineMs })
        : SCAN_DETAILS.NO_CODE_FOUND.none(),
    );
  }
  return found;
}

function toDecoded(code: FoundCode, page?: number): DecodedCode {
  return {
    text: code.text,
    format: code.format,
    position: { ...(page === undefined ? {} : { page }), ...code.box },
  };
}
