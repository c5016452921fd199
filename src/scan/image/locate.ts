import { Box, GreyImage } from './grey-image';
import type { Point } from './homography';

// Math taken once: in Jest's vm context every global lookup in a per-pixel loop is slow.
const { abs, ceil, floor, max, min, round, sqrt } = Math;

export interface Candidate {
  /** Where to read, margin included. */
  box: Box;
  /** The blob's four corners, clockwise: the symbol's outline, perspective included. */
  quad: Point[];
}

/** Coarse grid: the longest side of the cell map, whatever the picture's size. */
const GRID = 320;

/**
 * Regions that may hold a 2D code, largest first: blobs of dense edges on a coarse grid, roughly square.
 * zxing's DataMatrix detector grows a rectangle from the centre of what it is given, so on a whole page
 * (or beside a QR) it needs a crop centred on the symbol: this is where the crops come from.
 */
export function locateCandidates(img: GreyImage, within?: Box, maxCandidates = 12): Candidate[] {
  const area = within ?? { x: 0, y: 0, width: img.width, height: img.height };
  const cell = max(2, ceil(max(area.width, area.height) / GRID));
  const gw = floor(area.width / cell);
  const gh = floor(area.height / cell);
  if (gw < 4 || gh < 4) return [];
  const density = edgeDensity(img, area, cell, gw, gh);
  const mask = closeMask(threshold(density), gw, gh);
  const found: (Candidate & { score: number })[] = [];
  for (const c of components(mask, gw, gh)) {
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    const aspect = max(w, h) / min(w, h);
    const fill = c.count / (w * h);
    if (w * cell < 20 || h * cell < 20 || aspect > 3 || fill < 0.3) continue;
    if (w * h > gw * gh * 0.8) continue;
    const margin = max(2, round(max(w, h) * 0.15)) * cell;
    const x = max(area.x, area.x + c.x0 * cell - margin);
    const y = max(area.y, area.y + c.y0 * cell - margin);
    const box = {
      x,
      y,
      width: min(area.x + area.width, area.x + (c.x1 + 1) * cell + margin) - x,
      height: min(area.y + area.height, area.y + (c.y1 + 1) * cell + margin) - y,
    };
    const quad = c.quad.map((q) => ({ x: area.x + (q.x + 0.5) * cell, y: area.y + (q.y + 0.5) * cell }));
    found.push({ box, quad, score: c.count * (fill / aspect) });
  }
  return found
    .sort((a, b) => b.score - a.score)
    .slice(0, maxCandidates)
    .map(({ box, quad }) => ({ box, quad }));
}

/** Share of pixels per cell where the luminance jumps by more than a contrast-relative step. */
function edgeDensity(img: GreyImage, area: Box, cell: number, gw: number, gh: number): Float32Array {
  const { data, width } = img;
  const step = max(10, contrastRange(img, area) / 4);
  const counts = new Float32Array(gw * gh);
  const xEnd = area.x + gw * cell - 1;
  const yEnd = area.y + gh * cell - 1;
  for (let y = area.y; y < yEnd; y++) {
    const gy = floor((y - area.y) / cell) * gw;
    const row = y * width;
    for (let x = area.x; x < xEnd; x++) {
      const v = data[row + x];
      if (abs(v - data[row + x + 1]) > step || abs(v - data[row + width + x]) > step) {
        counts[gy + floor((x - area.x) / cell)]++;
      }
    }
  }
  for (let i = 0; i < counts.length; i++) counts[i] /= cell * cell;
  return counts;
}

/** Spread between the 5th and 95th percentile of a sample of the area. */
function contrastRange(img: GreyImage, area: Box): number {
  const sample: number[] = [];
  const stride = max(1, floor(sqrt((area.width * area.height) / 20000)));
  for (let y = area.y; y < area.y + area.height; y += stride) {
    for (let x = area.x; x < area.x + area.width; x += stride) sample.push(img.data[y * img.width + x]);
  }
  sample.sort((a, b) => a - b);
  return sample[floor(sample.length * 0.95)] - sample[floor(sample.length * 0.05)];
}

/** Cells clearly busier than the picture's background (a quarter of the busiest cells' density). */
function threshold(density: Float32Array): Uint8Array {
  const sorted = Float32Array.from(density).sort();
  const high = sorted[floor(sorted.length * 0.98)];
  const cut = max(0.02, high / 4);
  return Uint8Array.from(density, (d) => (d >= cut ? 1 : 0));
}

/** Dilation then erosion by one cell: joins the modules of a symbol into one blob. */
function closeMask(mask: Uint8Array, gw: number, gh: number): Uint8Array {
  const pass = (src: Uint8Array, keep: 0 | 1) => {
    const out = new Uint8Array(src.length);
    for (let y = 0; y < gh; y++) {
      for (let x = 0; x < gw; x++) {
        let v = src[y * gw + x];
        for (let dy = -1; dy <= 1 && v !== keep; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const nx = x + dx;
            const ny = y + dy;
            if (nx >= 0 && ny >= 0 && nx < gw && ny < gh && src[ny * gw + nx] === keep) v = keep;
          }
        }
        out[y * gw + x] = v;
      }
    }
    return out;
  };
  return pass(pass(mask, 1), 0);
}

interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  count: number;
  quad: Point[];
}

/** Extreme cells along the diagonals and along the axes; the larger of the two quadrilaterals wins. */
class Extremes {
  private readonly best: { p: Point; v: number }[] = [];
  // Diagonals (TL, TR, BR, BL), then axes (top, right, bottom, left).
  private static readonly DIRS = [-1, -1, 1, -1, 1, 1, -1, 1, 0, -1, 1, 0, 0, 1, -1, 0];

  add(x: number, y: number): void {
    for (let i = 0; i < 8; i++) {
      const v = Extremes.DIRS[2 * i] * x + Extremes.DIRS[2 * i + 1] * y;
      if (!this.best[i] || v > this.best[i].v) this.best[i] = { p: { x, y }, v };
    }
  }

  quad(): Point[] {
    const diag = this.best.slice(0, 4).map((b) => b.p);
    const axes = this.best.slice(4).map((b) => b.p);
    return area(axes) > area(diag) * 1.1 ? axes : diag;
  }
}

function area(q: Point[]): number {
  let s = 0;
  for (let i = 0; i < q.length; i++) {
    const a = q[i];
    const b = q[(i + 1) % q.length];
    s += a.x * b.y - b.x * a.y;
  }
  return abs(s) / 2;
}

function components(mask: Uint8Array, gw: number, gh: number): Component[] {
  const seen = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  const out: Component[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    const c = { x0: gw, y0: gh, x1: 0, y1: 0, count: 0 };
    const ext = new Extremes();
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const i = stack[--top];
      const x = i % gw;
      const y = (i - x) / gw;
      c.count++;
      ext.add(x, y);
      c.x0 = min(c.x0, x);
      c.x1 = max(c.x1, x);
      c.y0 = min(c.y0, y);
      c.y1 = max(c.y1, y);
      for (const n of [i - 1, i + 1, i - gw, i + gw]) {
        if (n < 0 || n >= mask.length || seen[n] || !mask[n]) continue;
        if ((n === i - 1 && x === 0) || (n === i + 1 && x === gw - 1)) continue;
        seen[n] = 1;
        stack[top++] = n;
      }
    }
    out.push({ ...c, quad: ext.quad() });
  }
  return out;
}
