// Math taken once: in Jest's vm context every global lookup in a per-pixel loop is slow.
const { ceil, floor, max, min } = Math;

/** One luminance byte per pixel, row-major: what zxing's RGBLuminanceSource takes (STACK.md). */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function greyImage(width: number, height: number, fill = 255): GreyImage {
  return { width, height, data: new Uint8ClampedArray(width * height).fill(fill) };
}

/** RGBA (or RGB) bytes to luminance (BT.601), transparent pixels composited on white. */
export function greyFromRgba(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels = 4,
): GreyImage {
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += channels) {
    const y = (rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8;
    // A transparent background must read as paper, not as black ink.
    const a = channels === 4 ? rgba[p + 3] : 255;
    out[i] = a === 255 ? y : (y * a + 255 * (255 - a)) / 255;
  }
  return { width, height, data: out };
}

export function crop(img: GreyImage, box: Box): GreyImage {
  const out = new Uint8ClampedArray(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    const from = (box.y + y) * img.width + box.x;
    out.set(img.data.subarray(from, from + box.width), y * box.width);
  }
  return { width: box.width, height: box.height, data: out };
}

/** Box filter by an integer factor: averages away sensor noise and screen moiré. */
export function downscale(img: GreyImage, factor: number): GreyImage {
  const w = floor(img.width / factor);
  const h = floor(img.height / factor);
  const out = new Uint8ClampedArray(w * h);
  const n = factor * factor;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * img.width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += img.data[row + dx];
      }
      out[y * w + x] = sum / n;
    }
  }
  return { width: w, height: h, data: out };
}

/** 3×3 mean filter, separable: takes the edge off sensor noise and a screen's pixel grid. */
export function smooth(img: GreyImage): GreyImage {
  const { width: w, height: h } = img;
  const tmp = new Float32Array(w * h);
  const out = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      tmp[i] = img.data[i] + img.data[x > 0 ? i - 1 : i] + img.data[x < w - 1 ? i + 1 : i];
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      out[i] = (tmp[i] + tmp[y > 0 ? i - w : i] + tmp[y < h - 1 ? i + w : i]) / 9;
    }
  }
  return { width: w, height: h, data: out };
}

/** Unsharp mask: restores the module edges an out-of-focus camera spreads. */
export function sharpen(img: GreyImage, amount = 2): GreyImage {
  const soft = smooth(smooth(img));
  const data = new Uint8ClampedArray(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = img.data[i] + amount * (img.data[i] - soft.data[i]);
  return { width: img.width, height: img.height, data };
}

/** Bilinear scaling to any size (used to enlarge codes whose modules are too small). */
export function resize(img: GreyImage, width: number, height: number): GreyImage {
  const out = new Uint8ClampedArray(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const fy = max(0, (y + 0.5) * sy - 0.5);
    const y0 = min(img.height - 1, floor(fy));
    const y1 = min(img.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = max(0, (x + 0.5) * sx - 0.5);
      const x0 = min(img.width - 1, floor(fx));
      const x1 = min(img.width - 1, x0 + 1);
      const wx = fx - x0;
      const top = img.data[y0 * img.width + x0] * (1 - wx) + img.data[y0 * img.width + x1] * wx;
      const bottom = img.data[y1 * img.width + x0] * (1 - wx) + img.data[y1 * img.width + x1] * wx;
      out[y * width + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return { width, height, data: out };
}

/** Quarter turns clockwise. */
export function rotate(img: GreyImage, quarterTurns: number): GreyImage {
  const q = ((quarterTurns % 4) + 4) % 4;
  if (q === 0) return img;
  const { width: w, height: h, data } = img;
  const W = q === 2 ? w : h;
  const H = q === 2 ? h : w;
  const out = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [nx, ny] = q === 1 ? [h - 1 - y, x] : q === 2 ? [w - 1 - x, h - 1 - y] : [y, w - 1 - x];
      out[ny * W + nx] = data[y * w + x];
    }
  }
  return { width: W, height: H, data: out };
}

/** Stretches the 1st–99th percentile range to 0–255 (faded print, a dim screen). */
export function stretchContrast(img: GreyImage): GreyImage {
  const hist = new Array<number>(256).fill(0);
  for (const v of img.data) hist[v]++;
  const cut = img.data.length * 0.01;
  let lo = 0;
  let hi = 255;
  for (let acc = 0; lo < 255 && acc + hist[lo] <= cut; lo++) acc += hist[lo];
  for (let acc = 0; hi > 0 && acc + hist[hi] <= cut; hi--) acc += hist[hi];
  if (hi <= lo) return { width: img.width, height: img.height, data: Uint8ClampedArray.from(img.data) };
  const out = new Uint8ClampedArray(img.data.length);
  const k = 255 / (hi - lo);
  for (let i = 0; i < out.length; i++) out[i] = (img.data[i] - lo) * k;
  return { width: img.width, height: img.height, data: out };
}

/** Light becomes dark: a code shown light on dark (a phone screen in dark mode) as zxing expects it. */
export function invert(img: GreyImage): GreyImage {
  const out = new Uint8ClampedArray(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = 255 - img.data[i];
  return { width: img.width, height: img.height, data: out };
}

/** Paints a rectangle (clipped to the image): used to blank a code once it is read. */
export function fillBox(img: GreyImage, box: Box, value = 255): void {
  const x0 = max(0, floor(box.x));
  const y0 = max(0, floor(box.y));
  const x1 = min(img.width, ceil(box.x + box.width));
  const y1 = min(img.height, ceil(box.y + box.height));
  for (let y = y0; y < y1; y++) img.data.fill(value, y * img.width + x0, y * img.width + x1);
}

export function boxOf(points: { x: number; y: number }[]): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = min(...xs);
  const y = min(...ys);
  return { x, y, width: max(...xs) - x, height: max(...ys) - y };
}

export function overlap(a: Box, b: Box): number {
  const w = min(a.x + a.width, b.x + b.width) - max(a.x, b.x);
  const h = min(a.y + a.height, b.y + b.height) - max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / min(a.width * a.height || 1, b.width * b.height || 1);
}
