import { GreyImage } from './grey-image';

// Math taken once: in Jest's vm context every global lookup in a per-pixel loop is slow.
const { floor } = Math;

export interface Point {
  x: number;
  y: number;
}

/** Row-major 3×3 matrix of a plane projective transform. */
export type Homography = number[];

/** The transform taking the unit square's corners (0,0) (1,0) (1,1) (0,1) to `quad` (Heckbert's closed form). */
export function squareToQuad(quad: Point[]): Homography {
  const [p0, p1, p2, p3] = quad;
  const dx3 = p0.x - p1.x + p2.x - p3.x;
  const dy3 = p0.y - p1.y + p2.y - p3.y;
  const dx1 = p1.x - p2.x;
  const dx2 = p3.x - p2.x;
  const dy1 = p1.y - p2.y;
  const dy2 = p3.y - p2.y;
  const den = dx1 * dy2 - dx2 * dy1 || 1e-9;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  return [
    p1.x - p0.x + g * p1.x,
    p3.x - p0.x + h * p3.x,
    p0.x,
    p1.y - p0.y + g * p1.y,
    p3.y - p0.y + h * p3.y,
    p0.y,
    g,
    h,
    1,
  ];
}

export function invert(m: Homography): Homography {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C || 1e-12;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

export function apply(m: Homography, p: Point): Point {
  const w = m[6] * p.x + m[7] * p.y + m[8];
  return { x: (m[0] * p.x + m[1] * p.y + m[2]) / w, y: (m[3] * p.x + m[4] * p.y + m[5]) / w };
}

/**
 * A symbol photographed at an angle, straightened: `quad` (its corners in `img`, clockwise from top-left)
 * becomes a square of `side` pixels inside a margin of `margin` pixels taken from the surroundings.
 * zxing's detectors assume little perspective; they re-find the symbol in the straightened copy.
 */
export function straighten(
  img: GreyImage,
  quad: Point[],
  side: number,
  margin: number,
): { image: GreyImage; toSource: (p: Point) => Point } {
  const h = squareToQuad(quad);
  const size = side + 2 * margin;
  const data = new Uint8ClampedArray(size * size).fill(255);
  const unit = (X: number, Y: number): Point => ({ x: (X - margin) / side, y: (Y - margin) / side });
  for (let Y = 0; Y < size; Y++) {
    for (let X = 0; X < size; X++) {
      const s = apply(h, unit(X + 0.5, Y + 0.5));
      const u = s.x - 0.5;
      const v = s.y - 0.5;
      if (!(u >= 0 && v >= 0 && u < img.width - 1 && v < img.height - 1)) continue;
      const x0 = floor(u);
      const y0 = floor(v);
      const fx = u - x0;
      const fy = v - y0;
      const i = y0 * img.width + x0;
      const top = img.data[i] * (1 - fx) + img.data[i + 1] * fx;
      const bottom = img.data[i + img.width] * (1 - fx) + img.data[i + img.width + 1] * fx;
      data[Y * size + X] = top * (1 - fy) + bottom * fy;
    }
  }
  return { image: { width: size, height: size, data }, toSource: (p) => apply(h, unit(p.x, p.y)) };
}
