import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { ScanException } from '../scan.exception';
import { GreyImage, greyFromRgba } from './grey-image';

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

/** Width and height from the header, read before any pixel is decompressed (a decompression bomb). */
export function rasterSize(bytes: Buffer, format: 'png' | 'jpeg'): { width: number; height: number } {
  if (format === 'png') {
    if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR')
      throw unreadable('PNG without IHDR');
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  // Walk the JPEG markers up to the first start-of-frame (SOF0–SOF15 except DHT, JPG and DAC).
  let p = 2;
  while (p + 9 < bytes.length) {
    if (bytes[p] !== 0xff) throw unreadable('JPEG marker expected');
    const marker = bytes[p + 1];
    if (marker === 0xff) {
      p++;
      continue;
    }
    const length = bytes.readUInt16BE(p + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: bytes.readUInt16BE(p + 7), height: bytes.readUInt16BE(p + 5) };
    }
    p += 2 + length;
  }
  throw unreadable('JPEG without a frame header');
}

/** PNG or JPEG bytes to greyscale; IMAGE_TOO_LARGE over maxPixels, IMAGE_UNREADABLE when corrupt. */
export function decodeRaster(bytes: Buffer, format: 'png' | 'jpeg', maxPixels: number): GreyImage {
  const { width, height } = rasterSize(bytes, format);
  if (width === 0 || height === 0) throw unreadable(`${format.toUpperCase()} of ${width}×${height} pixels`);
  if (width * height > maxPixels) {
    throw new ScanException(
      'IMAGE_TOO_LARGE',
      `${width}×${height} pixels is over the limit of ${(maxPixels / 1e6).toFixed(0)} megapixels`,
    );
  }
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
    throw unreadable(`${format.toUpperCase()} data is corrupt: ${(err as Error).message}`, err);
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
  if (!(img.width === width && img.height === height) && !turned) throw unreadable('JPEG data is corrupt');
  const ctx = native.createCanvas(img.width, img.height).getContext('2d');
  ctx.drawImage(img, 0, 0);
  return greyFromRgba(ctx.getImageData(0, 0, img.width, img.height).data, img.width, img.height);
}

/** A binary PGM (P5, 8-bit) as pdftoppm -gray writes it. */
export function decodePgm(bytes: Buffer): GreyImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.toString('latin1', 0, 64));
  if (!header || header[3] !== '255') throw unreadable('renderer output is not an 8-bit PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  if (bytes.length < start + width * height) throw unreadable('renderer output is truncated');
  const data = new Uint8ClampedArray(bytes.buffer, bytes.byteOffset + start, width * height);
  return { width, height, data };
}

export function unreadable(detail: string, cause?: unknown): ScanException {
  return new ScanException('IMAGE_UNREADABLE', detail, cause === undefined ? undefined : { cause });
}
