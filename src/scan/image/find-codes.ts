import {
  Box,
  boxOf,
  downscale,
  fillBox,
  GreyImage,
  invert,
  overlap,
  resize,
  rotate,
  sharpen,
  smooth,
  stretchContrast,
} from './grey-image';
import { Point, straighten } from './homography';
import { locateCandidates } from './locate';
import { BinarizerKind, CodeFormat, Read, readRegion } from './zxing-read';

export interface FoundCode {
  text: string;
  format: CodeFormat;
  /** Axis-aligned box of the symbol in the pixels of the image given. */
  box: Box;
}

export interface FindOptions {
  /** Epoch ms after which no new attempt starts (one zxing call is the unit of work). */
  deadline: number;
  maxCodes: number;
  /** Sweep the fallback copies when the first finds nothing (off for a PDF's later pages once a code is read). */
  fallbacks?: boolean;
}

/** A copy of the picture to sweep, and how to map its coordinates back to the original. */
interface Variant {
  image: GreyImage;
  binarizer: BinarizerKind;
  /** False for a large picture at full resolution: a whole-image call there would take most of a second. */
  wholeImage?: boolean;
  toOriginal: (p: { x: number; y: number }) => { x: number; y: number };
}

/** Above this many pixels the first sweep works on a reduced copy: codes in such pictures are large. */
const WORKING_PIXELS = 4_200_000;
const FORMATS: CodeFormat[] = ['qr', 'datamatrix'];
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every QR code and DataMatrix in a picture. zxing reads one symbol per call, so each symbol read is blanked
 * and the region read again; then candidate regions are read one by one (a whole page, a QR beside a
 * DataMatrix), straightened when seen at an angle. Only when nothing is found are the fallback copies swept
 * (docs/scanning.md § Codes from images). The work yields to the event loop between zxing calls and stops
 * at the deadline with what it has.
 */
export async function findCodes(
  img: GreyImage,
  options: FindOptions,
): Promise<{ codes: FoundCode[]; timedOut: boolean }> {
  const sweep = new Sweep(options);
  const all = variants(img);
  for (const make of options.fallbacks === false ? all.slice(0, 1) : all) {
    if (sweep.expired()) break;
    await sweep.run(make());
    if (sweep.found.length > 0) break;
  }
  const codes = [...sweep.found].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  return { codes, timedOut: sweep.timedOut };
}

function variants(img: GreyImage): (() => Variant)[] {
  const factor = Math.ceil(Math.sqrt((img.width * img.height) / WORKING_PIXELS));
  const working = () => (factor > 1 ? downscale(img, factor) : copy(img));
  const scaled = (image: GreyImage, k: number, binarizer: BinarizerKind = 'hybrid'): Variant => ({
    image,
    binarizer,
    toOriginal: (p) => ({ x: p.x * k, y: p.y * k }),
  });
  const list: (() => Variant)[] = [() => scaled(working(), factor)];
  // Light on dark (a phone in dark mode): zxing reads dark modules only, so the first fallback is the negative.
  list.push(() => scaled(invert(working()), factor));
  if (factor > 1) list.push(() => ({ ...scaled(copy(img), 1), wholeImage: false }));
  // Smoothing and halving average away noise and moiré; doubling gives small modules enough pixels.
  list.push(() => scaled(smooth(working()), factor));
  list.push(() => scaled(stretchContrast(working()), factor, 'global'));
  if (Math.min(img.width, img.height) >= 160) {
    list.push(() => scaled(downscale(img, 2 * factor), 2 * factor));
    list.push(() => scaled(sharpen(downscale(img, 2 * factor)), 2 * factor));
  }
  if (img.width * img.height <= WORKING_PIXELS / 4) {
    list.push(() => scaled(resize(img, img.width * 2, img.height * 2), 0.5));
  }
  // The DataMatrix detector is not symmetric: a quarter turn sometimes finds what the upright copy misses.
  list.push(() => {
    const upright = working();
    return {
      image: rotate(upright, 1),
      binarizer: 'hybrid',
      toOriginal: (p) => ({ x: p.y * factor, y: (upright.height - 1 - p.x) * factor }),
    };
  });
  return list;
}

function copy(img: GreyImage): GreyImage {
  return { width: img.width, height: img.height, data: Uint8ClampedArray.from(img.data) };
}

class Sweep {
  readonly found: FoundCode[] = [];
  timedOut = false;

  constructor(private readonly options: FindOptions) {}

  expired(): boolean {
    if (Date.now() >= this.options.deadline) this.timedOut = true;
    return this.timedOut;
  }

  private full(): boolean {
    return this.found.length >= this.options.maxCodes;
  }

  async run(v: Variant): Promise<void> {
    await this.region(v, { x: 0, y: 0, width: v.image.width, height: v.image.height }, 0);
  }

  /** Reads a region until it yields nothing more; the whole picture, and where a read happened, is split into candidates. */
  private async region(v: Variant, region: Box, depth: number, quad?: Point[]): Promise<void> {
    let hit = false;
    for (const format of depth > 0 || v.wholeImage !== false ? FORMATS : []) {
      for (;;) {
        if (this.full() || this.expired()) return;
        await tick();
        const read = readRegion(v.image, format, region, v.binarizer);
        if (!read) break;
        hit = true;
        this.take(read, v);
      }
    }
    if (!hit && quad) hit = await this.straightened(v, quad);
    if (depth >= 2 || (depth > 0 && !hit)) return;
    const area = region.width * region.height;
    for (const c of locateCandidates(v.image, region)) {
      if (c.box.width * c.box.height > area * 0.85) continue;
      await this.region(v, c.box, depth + 1, c.quad);
    }
  }

  /** A candidate seen at an angle: read again once its outline is made square. */
  private async straightened(v: Variant, quad: Point[]): Promise<boolean> {
    const side = Math.round(
      Math.max(...quad.map((p, i) => Math.hypot(p.x - quad[(i + 1) % 4].x, p.y - quad[(i + 1) % 4].y))),
    );
    const { image, toSource } = straighten(v.image, quad, side, Math.round(side * 0.12));
    for (const format of FORMATS) {
      if (this.full() || this.expired()) return false;
      await tick();
      const read = readRegion(image, format, undefined, v.binarizer);
      if (read) {
        this.take({ ...read, corners: read.corners.map(toSource), moduleSize: read.moduleSize * 1.5 }, v);
        return true;
      }
    }
    return false;
  }

  private take(read: Read, v: Variant): void {
    blank(v.image, read);
    this.add(read, v);
  }

  private add(read: Read, v: Variant): void {
    const box = boxOf(read.corners.map(v.toOriginal));
    const rounded = {
      x: Math.max(0, Math.round(box.x)),
      y: Math.max(0, Math.round(box.y)),
      width: Math.round(box.width),
      height: Math.round(box.height),
    };
    if (this.found.some((f) => f.text === read.text && overlap(f.box, rounded) > 0.5)) return;
    this.found.push({ text: read.text, format: read.format, box: rounded });
  }
}

/** Paints the symbol and its quiet zone white so that the next call finds the next symbol. */
function blank(img: GreyImage, read: Read): void {
  const box = boxOf(read.corners);
  const m = 2 * read.moduleSize + 2;
  fillBox(img, { x: box.x - m, y: box.y - m, width: box.width + 2 * m, height: box.height + 2 * m });
}
