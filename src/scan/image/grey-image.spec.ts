import {
  boxOf,
  downscale,
  fillBox,
  GreyImage,
  invert as negativeOf,
  overlap,
  resize,
  rotate,
  stretchContrast,
} from './grey-image';
import { apply, invert, squareToQuad, straighten } from './homography';

const ramp = (w: number, h: number): GreyImage => ({
  width: w,
  height: h,
  data: Uint8ClampedArray.from({ length: w * h }, (_, i) => i % 256),
});

describe('grey-image', () => {
  it('turns a quarter at a time, and four turns give the picture back', () => {
    const img = ramp(3, 2);
    const once = rotate(img, 1);
    expect([once.width, once.height]).toEqual([2, 3]);
    // Clockwise: the bottom-left pixel (0, 1) goes to the top-left.
    expect(once.data[0]).toBe(img.data[3]);
    expect([...rotate(rotate(once, 1), 2).data]).toEqual([...img.data]);
  });

  it('scales down by averaging and to any size bilinearly', () => {
    const img: GreyImage = { width: 2, height: 2, data: Uint8ClampedArray.from([0, 100, 200, 100]) };
    expect([...downscale(img, 2).data]).toEqual([100]);
    const big = resize(img, 4, 4);
    expect([big.width, big.height, big.data[0], big.data[15]]).toEqual([4, 4, 0, 100]);
  });

  it('inverts a picture into a new one', () => {
    const img: GreyImage = { width: 3, height: 1, data: Uint8ClampedArray.from([0, 28, 255]) };
    const negative = negativeOf(img);
    expect([...negative.data]).toEqual([255, 227, 0]);
    expect([...img.data]).toEqual([0, 28, 255]);
  });

  it('stretches a faded picture', () => {
    const img: GreyImage = { width: 4, height: 1, data: Uint8ClampedArray.from([110, 112, 140, 142]) };
    const s = stretchContrast(img);
    expect(s.data[0]).toBeLessThan(10);
    expect(s.data[3]).toBeGreaterThan(245);
    expect(s.data).not.toBe(img.data);
  });

  it('fills a box clipped to the picture, and measures overlap', () => {
    const img = ramp(4, 4);
    fillBox(img, { x: -2, y: 2.5, width: 3, height: 9 }, 7);
    expect([img.data[8], img.data[9], img.data[10], img.data[15]]).toEqual([7, 9, 10, 15]);
    const a = boxOf([
      { x: 0, y: 0 },
      { x: 10, y: 10 },
    ]);
    expect(overlap(a, { x: 5, y: 5, width: 10, height: 10 })).toBeCloseTo(0.25);
    expect(overlap(a, { x: 20, y: 0, width: 1, height: 1 })).toBe(0);
  });
});

describe('homography', () => {
  const quad = [
    { x: 10, y: 20 },
    { x: 110, y: 30 },
    { x: 120, y: 140 },
    { x: 5, y: 120 },
  ];

  it('maps the unit square onto the quadrilateral, and back', () => {
    const h = squareToQuad(quad);
    const corners = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ].map(([x, y]) => apply(h, { x, y }));
    corners.forEach((c, i) => {
      expect(c.x).toBeCloseTo(quad[i].x, 6);
      expect(c.y).toBeCloseTo(quad[i].y, 6);
    });
    const back = apply(invert(h), quad[2]);
    expect(back.x).toBeCloseTo(1, 6);
    expect(back.y).toBeCloseTo(1, 6);
  });

  it('straightens a quadrilateral into a square with a margin, and maps points back', () => {
    const { image, toSource } = straighten(ramp(200, 200), quad, 50, 5);
    expect([image.width, image.height]).toEqual([60, 60]);
    const p = toSource({ x: 5, y: 5 });
    expect(p.x).toBeCloseTo(10, 6);
    expect(p.y).toBeCloseTo(20, 6);
  });
});
