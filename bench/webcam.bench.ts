import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  BinaryBitmap,
  DataMatrixReader,
  DecodeHintType,
  HybridBinarizer,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';
import { downscale, GreyImage, greyImage, invert } from '../src/scan/image/grey-image';
import { CHROMIUM, launchChromium } from '../test/support/browser';
import { onQrText, packText } from '../test/support/image-corpus';
import { dataMatrixModules, drawSymbol } from '../test/support/image-transforms';
import { phoneAtWebcam } from '../test/support/webcam-frames';
import { fmt, percentile, row } from './stats';

/*
 * The counter webcam (issue 20): decode time per 1280×720 frame in Debian's Chromium with @zxing/browser (the
 * page's own reader, assets/webcam.js: draw, binarise once, QR then DataMatrix) against @zxing/library alone
 * in Node on the same frames (grey bytes → HybridBinarizer → the same two readers). Aim: ≤ 10 ms p50 in the
 * browser, the same order as Node.
 */

const ASSETS = join(__dirname, '../src/counter/pages/assets');
const UMD = require.resolve('@zxing/browser/umd/zxing-browser.min.js');
const ORIGIN = 'http://bench.comptoir';

interface Frame {
  name: string;
  image: GreyImage;
  /** Read inverted (a dark-mode phone), as the page does every other frame. */
  invert: boolean;
  /** 2: drawn at half size first, as the page does (webcam.js); 1: the full frame. */
  scale: 1 | 2;
  expect: string | undefined;
}

/** The counter page's own module (assets/webcam.js), loaded as the page loads it. */
const PAGE =
  '<!doctype html><title>bench</title><script type="module">' +
  "import { loadZxing, createFrameReader } from '/assets/webcam.js'; window.bench = { loadZxing, createFrameReader };" +
  '</script>';

interface BenchApi {
  loadZxing(): Promise<unknown>;
  createFrameReader(z: unknown): {
    read(source: HTMLCanvasElement, invert: boolean, scale: number): string | undefined;
  };
}

function frames(): Frame[] {
  const box = greyImage(1280, 720, 90);
  const dm = dataMatrixModules(packText(0));
  const card = greyImage(200, 200, 240);
  drawSymbol(card, dm, 40, 40, 120 / dm.size);
  for (let y = 0; y < 200; y++)
    box.data.set(card.data.subarray(y * 200, y * 200 + 200), (260 + y) * 1280 + 540);
  const base = [
    { name: 'phone, QR (light)', image: phoneAtWebcam(onQrText(0)), invert: false, expect: onQrText(0) },
    {
      name: 'phone, QR (dark mode)',
      image: phoneAtWebcam(onQrText(1), { dark: true }),
      invert: true,
      expect: onQrText(1),
    },
    { name: 'box, GS1 DataMatrix', image: box, invert: false, expect: packText(0) },
    { name: 'no code (a miss)', image: greyImage(1280, 720, 120), invert: false, expect: undefined },
  ];
  return base.flatMap((f) => [1, 2].map((scale) => ({ ...f, scale: scale as 1 | 2 })));
}

function nodeReader() {
  const qr = new QRCodeReader();
  const dm = new DataMatrixReader();
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.CHARACTER_SET, 'UTF-8']]);
  return (img: GreyImage): string | undefined => {
    const source = new RGBLuminanceSource(img.data, img.width, img.height);
    const bitmap = new BinaryBitmap(new HybridBinarizer(source));
    for (const read of [() => qr.decode(bitmap, hints as never), () => dm.decode(bitmap)]) {
      try {
        return read().getText();
      } catch {
        // the next reader
      }
    }
    return undefined;
  };
}

function timeNode(frame: Frame, runs: number): { times: number[]; text: string | undefined } {
  const read = nodeReader();
  // The page inverts and scales while drawing; here that is done once, before the timing.
  const drawn = frame.scale === 2 ? downscale(frame.image, 2) : frame.image;
  const img = frame.invert ? invert(drawn) : drawn;
  let text: string | undefined;
  const times: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const t0 = performance.now();
    text = read(img);
    if (i >= 5) times.push(performance.now() - t0);
  }
  return { times, text };
}

async function timeBrowser(
  list: Frame[],
  runs: number,
): Promise<{ times: number[]; text: string | undefined }[]> {
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ contentType: 'text/html', body: PAGE });
      if (path === '/assets/vendor/zxing-browser.js')
        return route.fulfill({ contentType: 'text/javascript', body: readFileSync(UMD) });
      return route.fulfill({
        contentType: 'text/javascript',
        body: readFileSync(join(ASSETS, path.replace('/assets/', ''))),
      });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => 'bench' in window);
    const out = [];
    for (const f of list) {
      out.push(
        await page.evaluate(
          async ({ grey, width, height, invert, scale, runs }) => {
            const { loadZxing, createFrameReader } = (window as unknown as { bench: BenchApi }).bench;
            const reader = createFrameReader(await loadZxing());
            const canvas = document.createElement('canvas');
            Object.assign(canvas, { width, height });
            const rgba = new Uint8ClampedArray(width * height * 4);
            for (let i = 0; i < grey.length; i++) rgba.set([grey[i], grey[i], grey[i], 255], i * 4);
            canvas.getContext('2d')!.putImageData(new ImageData(rgba, width, height), 0, 0);
            const times: number[] = [];
            let text: string | undefined;
            for (let i = 0; i < runs + 5; i++) {
              const t0 = window.performance.now();
              text = reader.read(canvas, invert, scale);
              if (i >= 5) times.push(window.performance.now() - t0);
            }
            return { times, text };
          },
          {
            grey: [...f.image.data],
            width: f.image.width,
            height: f.image.height,
            invert: f.invert,
            scale: f.scale,
            runs,
          },
        ),
      );
    }
    return out;
  } finally {
    await browser.close();
  }
}

export async function benchWebcam(runs = 100): Promise<string[]> {
  const list = frames();
  const browser = await timeBrowser(list, runs);
  const lines = [
    `${runs} reads per frame after 5 warm-up reads; Chromium ${CHROMIUM}; one reader per side, reused.`,
    '',
    row([
      'frame (1280×720)',
      'drawn at',
      'read (browser / Node)',
      'browser p50 ms',
      'browser p95 ms',
      'Node p50 ms',
      'Node p95 ms',
      'browser / Node',
    ]),
    row(['---', '---', '---', '---:', '---:', '---:', '---:', '---:']),
  ];
  list.forEach((f, i) => {
    const node = timeNode(f, runs);
    const b = browser[i];
    const ok = (text: string | undefined) => (text === f.expect ? 'ok' : 'WRONG');
    const b50 = percentile(b.times, 50);
    const n50 = percentile(node.times, 50);
    lines.push(
      row([
        f.name,
        f.scale === 1 ? '1280×720' : '640×360',
        `${ok(b.text)} / ${ok(node.text)}`,
        fmt(b50),
        fmt(percentile(b.times, 95)),
        fmt(n50),
        fmt(percentile(node.times, 95)),
        fmt(b50 / n50),
      ]),
    );
  });
  return lines;
}
