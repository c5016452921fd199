import {
  buildCorpus,
  EASY_SETS,
  HARD_SETS,
  onQrText,
  Sample,
  SetName,
} from '../../../test/support/image-corpus';
import { ScanException } from '../scan.exception';
import { decodeImage, DecodedCode } from './decode-image';

/*
 * Recognition over the generated corpus (test/support/image-corpus.ts). The floors are the rates measured
 * when the decoder landed (issue 9): a change that lowers one is a regression, not a reason to lower it.
 */
const FLOORS: Record<SetName, number> = {
  clean: 1,
  rotated: 1,
  perspective: 1,
  blur: 3 / 6,
  noise: 1,
  'jpeg-50': 1,
  scale: 5 / 6,
  'low-contrast': 1,
  glare: 1,
  moire: 1,
  'a4-page': 1,
  'phone-frame': 1,
  // A phone in dark mode shows the QR light on dark (issue 20): read from an inverted copy.
  'dark-mode': 1,
};

jest.setTimeout(120_000);

describe('decodeImage over the generated corpus', () => {
  const results = new Map<string, { sample: Sample; codes: DecodedCode[]; ms: number }>();

  beforeAll(async () => {
    for (const sample of buildCorpus()) {
      const started = Date.now();
      let codes: DecodedCode[] = [];
      try {
        codes = await decodeImage(sample.bytes, sample.mimeType);
      } catch (err) {
        if (!(err instanceof ScanException) || err.code !== 'NO_CODE_FOUND') throw err;
      }
      results.set(sample.name, { sample, codes, ms: Date.now() - started });
    }
    const rows = [...EASY_SETS, ...HARD_SETS].map((set) => {
      const of = [...results.values()].filter((r) => r.sample.set === set);
      const ok = of.filter((r) => recognised(r.sample, r.codes)).length;
      const ms = of.map((r) => r.ms).sort((a, b) => a - b);
      return {
        set,
        samples: of.length,
        recognised: ok,
        rate: `${Math.round((100 * ok) / of.length)} %`,
        'max ms': ms.at(-1),
      };
    });
    console.table(rows);
  });

  const recognised = (s: Sample, codes: DecodedCode[]) =>
    s.expected.every((e) => codes.some((c) => c.text === e));

  it.each([...EASY_SETS, ...HARD_SETS])('%s stays at or above its floor', (set) => {
    const of = [...results.values()].filter((r) => r.sample.set === set);
    expect(of.length).toBeGreaterThan(0);
    const rate = of.filter((r) => recognised(r.sample, r.codes)).length / of.length;
    expect(rate).toBeGreaterThanOrEqual(FLOORS[set] - 1e-9);
  });

  it('never reads a text that is not in the picture', () => {
    for (const { sample, codes } of results.values()) {
      for (const c of codes) expect(sample.expected).toContain(c.text);
    }
  });

  it('reads both codes of the A4 page, classed by format, with their positions', () => {
    const { codes } = results.get('a4-0')!;
    const qr = codes.find((c) => c.format === 'qr')!;
    const dm = codes.find((c) => c.format === 'datamatrix')!;
    expect(qr.text).toBe(onQrText(0));
    expect(dm.text).toMatch(/^IS01/);
    // Drawn at (1200, 150), 197 px, and at (950, 170), 157 px (image-corpus.ts a4Page).
    expect(qr.position.x).toBeGreaterThanOrEqual(1192);
    expect(qr.position.x).toBeLessThanOrEqual(1208);
    expect(qr.position.width).toBeGreaterThanOrEqual(185);
    expect(qr.position.width).toBeLessThanOrEqual(210);
    expect(Math.abs(dm.position.x - 950)).toBeLessThanOrEqual(8);
    expect(Math.abs(dm.position.y - 170)).toBeLessThanOrEqual(8);
    expect(dm.position.page).toBeUndefined();
  });

  it('keeps accented names (UTF-8 in the QR byte mode)', () => {
    expect(results.get('clean-1')!.codes[0].text).toContain('Hélène');
  });
});
