import { PNG } from 'pngjs';
import { symbolPicture, qrModules, toJpeg, toPng } from '../../../test/support/image-transforms';
import { ScanException } from '../scan.exception';
import { decodePgm, decodeRaster, rasterSize, sniffFormat } from './raster';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScanException) return err.code;
    throw err;
  }
  return 'none';
};

describe('raster', () => {
  const picture = symbolPicture(qrModules('hello'), 3);

  it('tells the format by the bytes, not by the declared type', () => {
    expect(sniffFormat(toPng(picture))).toBe('png');
    expect(sniffFormat(toJpeg(picture, 80))).toBe('jpeg');
    expect(sniffFormat(Buffer.from('%PDF-1.7\n…'))).toBe('pdf');
    expect(sniffFormat(Buffer.from('\r\n%PDF-1.4'))).toBe('pdf');
    expect(sniffFormat(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffFormat(Buffer.alloc(0))).toBeUndefined();
  });

  it('reads the size from the PNG and JPEG headers', () => {
    expect(rasterSize(toPng(picture), 'png')).toEqual({ width: picture.width, height: picture.height });
    expect(rasterSize(toJpeg(picture, 80), 'jpeg')).toEqual({ width: picture.width, height: picture.height });
  });

  it('decodes PNG and JPEG to one grey byte per pixel', () => {
    for (const bytes of [toPng(picture), toJpeg(picture, 90)]) {
      const img = decodeRaster(bytes, sniffFormat(bytes) as 'png' | 'jpeg', 1e6);
      expect(img.data.length).toBe(picture.width * picture.height);
      expect(img.data[0]).toBeGreaterThan(240); // quiet zone: white
    }
  });

  it('composites transparency on white (a QR exported with a transparent background)', () => {
    const png = new PNG({ width: 2, height: 1 });
    png.data = Buffer.from([0, 0, 0, 0, 0, 0, 0, 255]);
    const img = decodeRaster(PNG.sync.write(png), 'png', 100);
    expect([...img.data]).toEqual([255, 0]);
  });

  it('refuses a picture over the pixel limit before decompressing it (IMAGE_TOO_LARGE)', () => {
    const png = toPng(picture);
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(50_000, 16);
    bomb.writeUInt32BE(50_000, 20);
    expect(code(() => decodeRaster(bomb, 'png', 36e6))).toBe('IMAGE_TOO_LARGE');
    expect(code(() => decodeRaster(png, 'png', 100))).toBe('IMAGE_TOO_LARGE');
  });

  it('answers IMAGE_UNREADABLE for corrupt data', () => {
    const png = toPng(picture);
    const corrupt = Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]);
    expect(code(() => decodeRaster(corrupt, 'png', 1e6))).toBe('IMAGE_UNREADABLE');
    expect(code(() => decodeRaster(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'png', 1e6))).toBe(
      'IMAGE_UNREADABLE',
    );
    expect(
      code(() => decodeRaster(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2, 3, 4, 5, 6]), 'jpeg', 1e6)),
    ).toBe('IMAGE_UNREADABLE');
    const truncated = toJpeg(picture, 80).subarray(0, 300);
    expect(code(() => decodeRaster(truncated, 'jpeg', 1e6))).toMatch(/IMAGE_UNREADABLE|none/);
  });

  it('reads the PGM that pdftoppm -gray writes', () => {
    const pgm = Buffer.concat([Buffer.from('P5\n3 2\n255\n'), Buffer.from([0, 1, 2, 3, 4, 5])]);
    expect(decodePgm(pgm)).toMatchObject({ width: 3, height: 2 });
    expect(code(() => decodePgm(Buffer.from('P6\n3 2\n255\n')))).toBe('IMAGE_UNREADABLE');
    expect(code(() => decodePgm(Buffer.from('P5\n3 2\n255\n\x00')))).toBe('IMAGE_UNREADABLE');
  });
});
