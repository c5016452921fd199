import { GreyImage, greyImage, resize, rotate } from '../../src/scan/image/grey-image';
import { nirKey } from '../../src/scan/parsers/check-digits';
import {
  blur,
  contrast,
  dataMatrixModules,
  drawSymbol,
  glare,
  moire,
  Modules,
  noise,
  place,
  qrModules,
  recompress,
  rng,
  symbolPicture,
  toJpeg,
  toPng,
  warp,
} from './image-transforms';
import { phoneAtWebcam } from './webcam-frames';

/*
 * The generated image corpus (issue 9): each sample with the texts it must give. Regenerated identically
 * on every run from fixed payloads and seeds; nothing here is stored in the repository.
 */

const GS = '\x1d';
const NAMES: [string, string, string][] = [
  ['GENE', 'Alain', '1966-02-23'],
  ['MARTIN', 'Hélène', '1948-11-05'],
  ['DURAND', 'Jean-Pierre', '1990-07-14'],
  ['N’DIAYE', 'Aïssatou', '2001-01-31'],
];

/** An ON prescription QR payload (API.md § Scans); the accented names check the UTF-8 path. */
export function onQrText(i: number): string {
  const [n, p, d] = NAMES[i % NAMES.length];
  const id = String(202106180921110040n + BigInt(i * 7919));
  return JSON.stringify({
    S: { V: 2 },
    D: { ID: id, P: { N: n, P: p, D: d }, M: { RPPS: '99900038441', AM: '991118019' } },
  });
}

/** A valid INS DataMatrix payload (ANS layout, src/scan/parsers/ins.parser.ts), NIR key computed. */
export function insText(i: number): string {
  const nir13 = `2550814168${String(25 + i).padStart(3, '0')}`;
  const key = String(nirKey(nir13)).padStart(2, '0');
  const first = ['MARIE CLAIRE', 'JEAN', 'AMINATA', 'LOUIS'][i % 4];
  const last = ['DUPONT', 'CASANOVA', 'DIALLO', 'ESSAI'][i % 4];
  return `IS01${'0'.repeat(22)}${nir13}${key}1.2.250.1.213.1.4.8${GS}${first}${GS}${last}${GS}F15-08-195514168`;
}

/** A GS1 element string as on a French medicine pack (the DataMatrix reads it without the FNC1). */
export function packText(i: number): string {
  return `010340093009135717280831` + `10LOT${100 + i}${GS}21SN${880262526043813 + i}`;
}

export type SetName =
  | 'clean'
  | 'rotated'
  | 'perspective'
  | 'blur'
  | 'noise'
  | 'jpeg-50'
  | 'scale'
  | 'low-contrast'
  | 'glare'
  | 'moire'
  | 'a4-page'
  | 'phone-frame'
  | 'dark-mode';

export const EASY_SETS: SetName[] = ['clean', 'rotated'];
export const HARD_SETS: SetName[] = [
  'perspective',
  'blur',
  'noise',
  'jpeg-50',
  'scale',
  'low-contrast',
  'glare',
  'moire',
  'a4-page',
  'phone-frame',
  'dark-mode',
];

export interface Sample {
  set: SetName;
  name: string;
  mimeType: 'image/png' | 'image/jpeg';
  bytes: Buffer;
  expected: string[];
}

interface Symbol1 {
  text: string;
  modules: Modules;
}

const qr = (i: number): Symbol1 => ({ text: onQrText(i), modules: qrModules(onQrText(i)) });
const dm = (i: number): Symbol1 => {
  const text = i % 2 === 0 ? insText(i) : packText(i);
  return { text, modules: dataMatrixModules(text) };
};

/** A symbol on a white card, off centre, on a grey table: the plainest photo. */
function card(s: Symbol1, module: number, seed: number): GreyImage {
  const r = rng(seed);
  const pic = symbolPicture(s.modules, module);
  const bg = greyImage(pic.width + 60 + Math.floor(r() * 80), pic.height + 60 + Math.floor(r() * 80), 235);
  return place(bg, pic, 20 + Math.floor(r() * 40), 20 + Math.floor(r() * 40));
}

const png = (set: SetName, name: string, img: GreyImage, expected: string[]): Sample => ({
  set,
  name,
  mimeType: 'image/png',
  bytes: toPng(img),
  expected,
});

/** Each hard transform on three QR codes and three DataMatrix, at three severities (k % 3). */
const HARD: Partial<Record<SetName, (s: Symbol1, k: number) => GreyImage>> = {
  perspective: (s, k) => {
    const pic = card(s, 5, 40 + k);
    const [w, h] = [640, 480];
    const t = 0.12 + 0.1 * (k % 3);
    const quad = [
      { x: w * (0.18 + t), y: h * 0.1 },
      { x: w * (0.82 - t / 2), y: h * (0.06 + t / 2) },
      { x: w * 0.88, y: h * 0.94 },
      { x: w * 0.1, y: h * (0.9 - t / 3) },
    ];
    return warp(pic, quad, w, h);
  },
  blur: (s, k) => blur(card(s, 5, 50 + k), 1 + (k % 3)),
  noise: (s, k) => noise(card(s, 5, 60 + k), 30 + 20 * (k % 3), rng(600 + k)),
  'jpeg-50': (s, k) => recompress(card(s, 3 - 0.5 * (k % 3), 70 + k), 50),
  scale: (s, k) => {
    const pic = card(s, 6, 80 + k);
    const f = (2.4 - 0.4 * (k % 3)) / 6;
    return resize(pic, Math.round(pic.width * f), Math.round(pic.height * f));
  },
  'low-contrast': (s, k) => contrast(card(s, 5, 90 + k), 110, 150 - 12 * (k % 3)),
  glare: (s, k) => {
    const pic = card(s, 6, 100 + k);
    const strength = 180 + 35 * (k % 3);
    return glare(pic, pic.width * (0.35 + 0.1 * k), pic.height * 0.4, pic.width * 0.25, strength);
  },
  moire: (s, k) => blur(moire(card(s, 5, 110 + k), 3.1 + 0.4 * k, 0.35 + 0.15 * (k % 3), 0.15 + 0.1 * k), 1),
};

/** A 200 dpi scan of a whole A4 ordonnance: the ON QR (25 mm) beside an INS DataMatrix (20 mm), text around. */
export function a4Page(i: number, scanned: boolean): { image: GreyImage; expected: string[] } {
  const r = rng(900 + i);
  const page = greyImage(1654, 2339, 250);
  for (let y = 500; y < 2100; y += 40) {
    for (let x = 150; x < 1450;) {
      const word = 30 + Math.floor(r() * 120);
      if (r() > 0.15)
        for (let yy = y; yy < y + 18; yy++) page.data.fill(30, yy * 1654 + x, yy * 1654 + x + word);
      x += word + 18;
    }
  }
  const q = qrModules(onQrText(i));
  const d = dataMatrixModules(insText(i));
  drawSymbol(page, q, 1200, 150, 197 / q.size);
  drawSymbol(page, d, 950, 170, 157 / d.size);
  if (!scanned) return { image: page, expected: [onQrText(i), insText(i)] };
  const skew = [
    { x: 12, y: 0 },
    { x: 1654, y: 30 },
    { x: 1640, y: 2339 },
    { x: 0, y: 2310 },
  ];
  const image = recompress(noise(warp(page, skew, 1654, 2339, 250), 10, rng(950 + i)), 75);
  return { image, expected: [onQrText(i), insText(i)] };
}

/** A phone showing the QR in the Mon espace santé app, photographed by a 1280×720 webcam. */
export function phoneFrame(i: number): GreyImage {
  const r = rng(1000 + i);
  const screen = greyImage(540, 960, 245);
  for (let y = 40; y < 120; y += 30) screen.data.fill(120, y * 540 + 40, y * 540 + 400);
  const q = qrModules(onQrText(i));
  drawSymbol(screen, q, 70, 280, 400 / q.size, 15);
  const frame = greyImage(1280, 720, 70);
  for (let j = 0; j < frame.data.length; j++) frame.data[j] = 50 + (j % 1280) / 40 + r() * 6;
  const cx = 640 + (r() - 0.5) * 200;
  const tilt = 40 * (r() - 0.5);
  const quad = [
    { x: cx - 190 + tilt, y: 30 },
    { x: cx + 170 + tilt, y: 45 },
    { x: cx + 200, y: 690 },
    { x: cx - 210, y: 675 },
  ];
  let img = warp(screen, quad, 1280, 720, frame);
  img = moire(img, 2.6 + 0.3 * i, 0.3, 0.1 * i);
  img = glare(img, cx + 60, 330 + 40 * i, 90, 120);
  return recompress(noise(img, 6, rng(1100 + i)), 80);
}

/** The whole corpus, in a fixed order. */
export function buildCorpus(): Sample[] {
  const out: Sample[] = [];
  for (let k = 0; k < 4; k++) {
    const s = k < 2 ? qr(k) : dm(k - 2);
    out.push(png('clean', `clean-${k}`, card(s, 4 + (k % 2), k), [s.text]));
  }
  for (const [j, s] of [qr(1), dm(0), dm(1)].entries()) {
    for (const turns of [1, 2, 3]) {
      out.push(png('rotated', `rot${turns * 90}-${j}`, rotate(card(s, 4, 20 + turns), turns), [s.text]));
    }
  }
  for (const [set, make] of Object.entries(HARD) as [SetName, (s: Symbol1, k: number) => GreyImage][]) {
    for (let k = 0; k < 6; k++) {
      const s = k < 3 ? qr(k) : dm(k - 3);
      out.push(png(set, `${set}-${k}`, make(s, k), [s.text]));
    }
  }
  for (let i = 0; i < 2; i++) {
    const page = a4Page(i, i === 1);
    out.push(png('a4-page', `a4-${i}`, page.image, page.expected));
  }
  for (let i = 0; i < 3; i++) {
    out.push({
      set: 'phone-frame',
      name: `phone-${i}`,
      mimeType: 'image/jpeg',
      bytes: toJpeg(phoneFrame(i), 85),
      expected: [onQrText(i)],
    });
  }
  for (let i = 0; i < 3; i++) {
    out.push({
      set: 'dark-mode',
      name: `dark-${i}`,
      mimeType: 'image/jpeg',
      bytes: toJpeg(noise(phoneAtWebcam(onQrText(i), { dark: true, seed: 1200 + i }), 5, rng(1300 + i)), 85),
      expected: [onQrText(i)],
    });
  }
  return out;
}
