import { createDeflate, crc32 } from 'node:zlib';

/**
 * The pictures that froze the service (issue 15, finding 4): all-zero PNGs whose few hundred kilobytes
 * inflate to hundreds of megabytes. The zlib stream is fed the same zero band again and again, so
 * building one never holds the raw image in memory.
 */
export interface ZeroPng {
  width: number;
  height: number;
  /** 8 or 16. */
  bitDepth: 8 | 16;
  /** 0 grey, 2 RGB, 4 grey + alpha, 6 RGBA. */
  colorType: 0 | 2 | 4 | 6;
}

const CHANNELS = { 0: 1, 2: 3, 4: 2, 6: 4 } as const;

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed) >>> 0, 8 + data.length);
  return out;
}

async function deflateZeros(total: number): Promise<Buffer> {
  const band = Buffer.alloc(Math.min(total, 8 << 20));
  const z = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => z.on('end', resolve).on('error', reject));
  for (let left = total; left > 0; left -= band.length) {
    const n = Math.min(left, band.length);
    if (!z.write(band.subarray(0, n))) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return Buffer.concat(out);
}

export async function zeroPng({ width, height, bitDepth, colorType }: ZeroPng): Promise<Buffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(bitDepth, 8);
  ihdr.writeUInt8(colorType, 9);
  // Each row: filter byte 0, then zero samples.
  const rowBytes = 1 + (width * CHANNELS[colorType] * bitDepth) / 8;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', await deflateZeros(rowBytes * height)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The picture of the finding: 6000×6000, 16-bit RGBA, all zero (about 280 KB, 288 MB of samples). */
export const FINDING_PNG: ZeroPng = { width: 6000, height: 6000, bitDepth: 16, colorType: 6 };

/** As slow but inside the decoded-bytes budget: 6000×6000 8-bit RGBA (144 MB), decoded then swept in vain. */
export const SLOW_PNG: ZeroPng = { width: 6000, height: 6000, bitDepth: 8, colorType: 6 };
