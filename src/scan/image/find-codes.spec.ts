import { insText, onQrText, packText } from '../../../test/support/image-corpus';
import { dataMatrixModules, drawSymbol, qrModules } from '../../../test/support/image-transforms';
import { findCodes } from './find-codes';
import { greyImage, rotate } from './grey-image';

const soon = (ms = 5000) => ({ deadline: Date.now() + ms, maxCodes: 16 });

/** A 200 dpi half page with three QR codes and three DataMatrix scattered over it. */
function crowdedPage() {
  const page = greyImage(1654, 1170, 250);
  const texts: string[] = [];
  [
    [100, 100],
    [700, 500],
    [1100, 850],
  ].forEach(([x, y], i) => {
    const qr = qrModules(onQrText(i));
    drawSymbol(page, qr, x, y, 4);
    texts.push(onQrText(i));
    const text = i === 1 ? packText(i) : insText(i);
    drawSymbol(page, dataMatrixModules(text), x + 320, y + 40 * i, 4);
    texts.push(text);
  });
  return { page, texts };
}

describe('findCodes', () => {
  it('finds every code of a page, one zxing call at a time, in reading order', async () => {
    const { page, texts } = crowdedPage();
    const { codes, timedOut } = await findCodes(page, soon());
    expect(timedOut).toBe(false);
    expect(codes.map((c) => c.text).sort()).toEqual([...texts].sort());
    const ys = codes.map((c) => c.box.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
  });

  it('gives positions in the original picture when the picture is turned', async () => {
    const img = greyImage(600, 400, 255);
    drawSymbol(img, qrModules(onQrText(0)), 60, 80, 5);
    const turned = rotate(img, 1);
    const [upright] = (await findCodes(img, soon())).codes;
    const [side] = (await findCodes(turned, soon())).codes;
    expect(upright.box).toMatchObject({ x: expect.any(Number) });
    expect(Math.abs(upright.box.x - 60)).toBeLessThanOrEqual(4);
    expect(Math.abs(upright.box.y - 80)).toBeLessThanOrEqual(4);
    // Quarter turn clockwise: x' = height - 1 - (y + size), y' = x.
    expect(Math.abs(side.box.y - 60)).toBeLessThanOrEqual(4);
    expect(Math.abs(side.box.x - (400 - 80 - upright.box.height))).toBeLessThanOrEqual(6);
  });

  it('finds nothing in a blank picture or in noise, and says so', async () => {
    expect((await findCodes(greyImage(640, 480, 255), soon())).codes).toEqual([]);
    const noise = greyImage(300, 300);
    for (let i = 0; i < noise.data.length; i++) noise.data[i] = (i * 7919) % 251;
    expect((await findCodes(noise, soon())).codes).toEqual([]);
  });

  it('never starts past the deadline: a page full of codes gives none', async () => {
    const { page } = crowdedPage();
    const result = await findCodes(page, { deadline: Date.now(), maxCodes: 16 });
    expect(result).toEqual({ codes: [], timedOut: true });
  });

  it('stops at maxCodes', async () => {
    const { page } = crowdedPage();
    expect((await findCodes(page, { ...soon(), maxCodes: 2 })).codes).toHaveLength(2);
  });

  it('keeps the event loop turning while it works', async () => {
    const { page } = crowdedPage();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await findCodes(page, soon());
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
  });
});
