import * as bwip from 'bwip-js';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import * as QRCode from 'qrcode';
import { GreyImage, greyImage } from '../../src/scan/image/grey-image';
import { invert, squareToQuad } from '../../src/scan/image/homography';
import { decodeRaster, nativeCanvas } from '../../src/scan/image/raster';

// Math taken once: in Jest's vm context every global lookup in a per-pixel loop is slow.
const { PI, ceil, cos, exp, floor, imul, log, round, sin, sqrt } = Math;

/*
 * Deterministic picture synthesis for the image-decoding tests and bench: symbols drawn from their module
 * matrices, then what a camera, a screen or a scanner does to them. Every random draw comes from a seed.
 */

export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Modules {
  size: number;
  dark: (x: number, y: number) => boolean;
}

export function qrModules(text: string, ecc: 'L' | 'M' | 'Q' | 'H' = 'M'): Modules {
  const qr = QRCode.create(text, { errorCorrectionLevel: ecc });
  const { size, data } = qr.modules as unknown as { size: number; data: Uint8Array };
  return { size, dark: (x, y) => data[y * size + x] === 1 };
}

export function dataMatrixModules(text: string): Modules {
  const [sym] = (
    bwip as unknown as {
      raw: (bcid: string, text: string, opts: string) => { pixs: number[]; pixx: number; pixy: number }[];
    }
  ).raw('datamatrix', text, '');
  return { size: sym.pixx, dark: (x, y) => sym.pixs[y * sym.pixx + x] === 1 };
}

/** Draws a symbol with its top-left module corner at (x, y), `module` pixels per module (may be fractional). */
export function drawSymbol(img: GreyImage, m: Modules, x: number, y: number, module: number, ink = 0): void {
  const side = ceil(m.size * module);
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      const mx = floor(px / module);
      const my = floor(py / module);
      const ix = x + px;
      const iy = y + py;
      if (mx < m.size && my < m.size && m.dark(mx, my) && ix < img.width && iy < img.height) {
        img.data[iy * img.width + ix] = ink;
      }
    }
  }
}

/** A symbol alone on paper with a quiet zone of `quiet` modules. */
export function symbolPicture(m: Modules, module: number, quiet = 4): GreyImage {
  const side = ceil((m.size + 2 * quiet) * module);
  const img = greyImage(side, side);
  drawSymbol(img, m, round(quiet * module), round(quiet * module), module);
  return img;
}

/** Places a picture on a larger background at (x, y). */
export function place(bg: GreyImage, pic: GreyImage, x: number, y: number): GreyImage {
  for (let py = 0; py < pic.height && y + py < bg.height; py++) {
    for (let px = 0; px < pic.width && x + px < bg.width; px++) {
      bg.data[(y + py) * bg.width + x + px] = pic.data[py * pic.width + px];
    }
  }
  return bg;
}

/** Maps the whole of `src` onto `quad` inside a new width×height picture filled with `bg` (bilinear). */
export function warp(
  src: GreyImage,
  quad: { x: number; y: number }[],
  width: number,
  height: number,
  bg: GreyImage | number = 90,
): GreyImage {
  const out = typeof bg === 'number' ? greyImage(width, height, bg) : bg;
  const inv = invert(squareToQuad(quad));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = inv[6] * x + inv[7] * y + inv[8];
      const u = ((inv[0] * x + inv[1] * y + inv[2]) / w) * src.width - 0.5;
      const v = ((inv[3] * x + inv[4] * y + inv[5]) / w) * src.height - 0.5;
      if (u < 0 || v < 0 || u >= src.width - 1 || v >= src.height - 1) continue;
      const x0 = floor(u);
      const y0 = floor(v);
      const fx = u - x0;
      const fy = v - y0;
      const i = y0 * src.width + x0;
      const top = src.data[i] * (1 - fx) + src.data[i + 1] * fx;
      const bottom = src.data[i + src.width] * (1 - fx) + src.data[i + src.width + 1] * fx;
      out.data[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/** Three box blurs of radius r: close to a Gaussian of sigma ≈ r. */
export function blur(img: GreyImage, r: number): GreyImage {
  let cur = img.data;
  const { width: w, height: h } = img;
  for (let pass = 0; pass < 6; pass++) {
    const horizontal = pass % 2 === 0;
    const out = new Uint8ClampedArray(cur.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let sum = 0;
        let n = 0;
        for (let k = -r; k <= r; k++) {
          const xx = horizontal ? x + k : x;
          const yy = horizontal ? y : y + k;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          sum += cur[yy * w + xx];
          n++;
        }
        out[y * w + x] = sum / n;
      }
    }
    cur = out;
  }
  return { width: w, height: h, data: cur };
}

/** Additive Gaussian noise of standard deviation sigma (Box–Muller). */
export function noise(img: GreyImage, sigma: number, random: Rng): GreyImage {
  const data = new Uint8ClampedArray(img.data.length);
  for (let i = 0; i < data.length; i++) {
    const g = sqrt(-2 * log(random() || 1e-9)) * cos(2 * PI * random());
    data[i] = img.data[i] + g * sigma;
  }
  return { ...img, data };
}

/** Ink and paper squeezed into [lo, hi]. */
export function contrast(img: GreyImage, lo: number, hi: number): GreyImage {
  return { ...img, data: img.data.map((v) => lo + (v * (hi - lo)) / 255) };
}

/** A specular highlight: a bright ellipse centred at (cx, cy) that washes the ink out. */
export function glare(img: GreyImage, cx: number, cy: number, radius: number, strength = 230): GreyImage {
  const data = new Uint8ClampedArray(img.data.length);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const d2 = ((x - cx) ** 2 + ((y - cy) * 1.4) ** 2) / radius ** 2;
      data[y * img.width + x] = img.data[y * img.width + x] + strength * exp(-d2);
    }
  }
  return { ...img, data };
}

/** Screen photographed: the pixel grid beats with the sensor grid (two close spatial frequencies). */
export function moire(img: GreyImage, period: number, depth = 0.35, angle = 0.2): GreyImage {
  const data = new Uint8ClampedArray(img.data.length);
  const [c, s] = [cos(angle), sin(angle)];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const u = (x * c + y * s) / period;
      const v = (y * c - x * s) / (period * 1.07);
      const m = 1 - depth * (0.5 + 0.25 * cos(2 * PI * u) + 0.25 * cos(2 * PI * v));
      data[y * img.width + x] = 20 + img.data[y * img.width + x] * m;
    }
  }
  return { ...img, data };
}

export function toPng(img: GreyImage): Buffer {
  const png = new PNG({ width: img.width, height: img.height, colorType: 0, inputColorType: 0 });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length);
  // The Sub filter only: pngjs undoes Paeth with a Math.abs per byte, which Jest's vm context makes slow.
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, filterType: 1 });
}

/** JPEG at `quality`: libjpeg-turbo through @napi-rs/canvas (fast), jpeg-js when it cannot load. */
export function toJpeg(img: GreyImage, quality: number): Buffer {
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0; i < img.data.length; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = img.data[i];
    rgba[i * 4 + 3] = 255;
  }
  const native = nativeCanvas();
  if (!native) return jpeg.encode({ data: rgba, width: img.width, height: img.height }, quality).data;
  const canvas = native.createCanvas(img.width, img.height);
  canvas.getContext('2d').putImageData(new native.ImageData(rgba, img.width, img.height), 0, 0);
  return canvas.encodeSync('jpeg', quality);
}

/** JPEG round trip: the blocking and ringing a phone or a mail client adds. */
export function recompress(img: GreyImage, quality: number): GreyImage {
  return decodeRaster(toJpeg(img, quality), 'jpeg', Infinity);
}
