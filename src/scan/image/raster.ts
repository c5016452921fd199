import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { ScanException } from '../scan.exception';
import { GreyImage, greyFromRgba } from './grey-image';
import { SCAN_DETAILS } from '../error-messages';
import { Text } from '../../core/i18n/messages';

export type ImageFormat = 'png' | 'jpeg' | 'pdf';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The format the bytes really are, whatever the Content-Type said. */
export function sniffFormat(bytes: Buffer): ImageFormat | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  // PDF readers accept the header anywhere in the first kilobyte (ISO 32000-1 §7.5.2 note).
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  return undefined;
}

/** What the header says the decoded pixels are, read before any is decompressed (a decompression bomb). */
export interface RasterHeader {
  width: number;
  height: number;
  /** Samples per pixel (grey 1, grey + alpha 2, RGB 3, RGBA 4; a palette index is 1). */
  channels: number;
  /** 1 for 8 bits (or fewer) per sample, 2 for 16 (PNG) or 12 (JPEG). */
  bytesPerSample: number;
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function rasterHeader(bytes: Buffer, format: 'png' | 'jpeg'): RasterHeader {
  if (format === 'png') {
    if (bytes.length < 26 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw unreadable(U.pngHeader());
    const channels = PNG_CHANNELS[bytes[25]];
    if (channels === undefined) throw unreadable(U.pngColourType({ type: bytes[25] }));
    return {
      width: bytes.readUInt32BE(16),
      height: bytes.readUInt32BE(20),
      channels,
      bytesPerSample: bytes[24] > 8 ? 2 : 1,
    };
  }
  // Walk the JPEG markers up to the first start-of-frame (SOF0–SOF15 except DHT, JPG and DAC).
  let p = 2;
  while (p + 9 < bytes.length) {
    if (bytes[p] !== 0xff) throw unreadable(U.jpegMarker());
    const marker = bytes[p + 1];
    if (marker === 0xff) {
      p++;
      continue;
    }
    const length = bytes.readUInt16BE(p + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {
        width: bytes.readUInt16BE(p + 7),
        height: bytes.readUInt16BE(p + 5),
        channels: bytes[p + 9],
        bytesPerSample: bytes[p + 4] > 8 ? 2 : 1,
      };
    }
    p += 2 + length;
  }
  throw unreadable(U.jpegFrame());
}

/** Width and height from the header. */
export function rasterSize(bytes: Buffer, format: 'png' | 'jpeg'): { width: number; height: number } {
  const { width, height } = rasterHeader(bytes, format);
  return { width, height };
}

/**
 * Refuses, from the header alone, a picture whose pixels or decoded samples exceed the limits
 * (IMAGE_TOO_LARGE) or that has no pixel (IMAGE_UNREADABLE): nothing is inflated before this passes.
 */
export function assertRasterBudget(
  bytes: Buffer,
  format: 'png' | 'jpeg',
  limits: { maxPixels: number; maxDecodedBytes?: number },
): RasterHeader {
  const header = rasterHeader(bytes, format);
  const { width, height, channels, bytesPerSample } = header;
  if (width === 0 || height === 0) throw unreadable(U.noPixels({ format, width, height }));
  if (width * height > limits.maxPixels) {
    const maxMegapixels = (limits.maxPixels / 1e6).toFixed(0);
    throw new ScanException('IMAGE_TOO_LARGE', L.pixels({ width, height, maxMegapixels }));
  }
  const decoded = width * height * channels * bytesPerSample;
  if (limits.maxDecodedBytes !== undefined && decoded > limits.maxDecodedBytes) {
    const sizes = { mb: Math.round(decoded / 1e6), maxMb: Math.round(limits.maxDecodedBytes / 1e6) };
    throw new ScanException(
      'IMAGE_TOO_LARGE',
      L.decoded({ width, height, channels, bits: bytesPerSample * 8, ...sizes }),
    );
  }
  return header;
}

/** PNG or JPEG bytes to greyscale; IMAGE_TOO_LARGE over maxPixels, IMAGE_UNREADABLE when corrupt. */
export function decodeRaster(bytes: Buffer, format: 'png' | 'jpeg', maxPixels: number): GreyImage {
  const { width, height } = assertRasterBudget(bytes, format, { maxPixels });
  try {
    if (format === 'png') {
      const png = PNG.sync.read(bytes);
      return greyFromRgba(png.data, png.width, png.height);
    }
    const native = nativeCanvas();
    if (native) return decodeJpegNative(native, bytes, width, height);
    const img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: Math.ceil(maxPixels / 1e6),
      maxMemoryUsageInMB: 512,
    });
    return greyFromRgba(img.data, img.width, img.height);
  } catch (err) {
    if (err instanceof ScanException) throw err;
    throw unreadable(U.corrupt({ format, why: (err as Error).message }), err);
  }
}

type Canvas = typeof import('@napi-rs/canvas');
let canvas: Canvas | null | undefined;

/** Skia's JPEG decoder (prebuilt in @napi-rs/canvas) is 3–10× faster than jpeg-js; jpeg-js when it cannot load. */
export function nativeCanvas(): Canvas | null {
  if (canvas === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      canvas = require('@napi-rs/canvas') as Canvas;
    } catch {
      canvas = null;
    }
  }
  return canvas;
}

/** Skia reports no decoding error: a size other than the header's (EXIF turns aside) means it gave up. */
function decodeJpegNative(native: Canvas, bytes: Buffer, width: number, height: number): GreyImage {
  const img = new native.Image();
  img.src = bytes;
  const turned = img.width === height && img.height === width;
  if (!(img.width === width && img.height === height) && !turned)
    throw unreadable(U.corrupt({ format: 'jpeg' }));
  const ctx = native.createCanvas(img.width, img.height).getContext('2d');
  ctx.drawImage(img, 0, 0);
  return greyFromRgba(ctx.getImageData(0, 0, img.width, img.height).data, img.width, img.height);
}

/** A binary PGM (P5, 8-bit) as pdftoppm -gray writes it. */
export function decodePgm(bytes: Buffer): GreyImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.toString('latin1', 0, 64));
  if (!header || header[3] !== '255') throw unreadable(U.rendererOutput());
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  if (bytes.length < start + width * height) throw unreadable(U.rendererTruncated());
  const data = new Uint8ClampedArray(bytes.buffer, bytes.byteOffset + start, width * height);
  return { width, height, data };
}

const U = SCAN_DETAILS.IMAGE_UNREADABLE;
const L = SCAN_DETAILS.IMAGE_TOO_LARGE;

export function unreadable(detail: Text, cause?: unknown): ScanException {
  return new ScanException('IMAGE_UNREADABLE', detail, cause === undefined ? undefined : { cause });
}
