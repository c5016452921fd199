import { insText, onQrText } from '../../../test/support/image-corpus';
import { ordonnancePdf } from '../../../test/support/pdf-fixture';
import { ScanException } from '../scan.exception';
import { decodeImage } from './decode-image';
import { pageDpi, pdfPageSizes, renderPdfPage } from './pdf-render';

const errorCode = (p: Promise<unknown>) =>
  p.then(
    () => 'none',
    (err: unknown) => (err instanceof ScanException ? err.code : Promise.reject(err)),
  );

jest.setTimeout(30_000);

describe('PDF pages through pdftoppm', () => {
  let pdf: Buffer;

  beforeAll(async () => {
    pdf = await ordonnancePdf(onQrText(0), insText(0), 2);
  });

  it('lists the pages with their sizes in points', async () => {
    const sizes = await pdfPageSizes(pdf, 10, Date.now() + 5000);
    expect(sizes).toHaveLength(2);
    expect(sizes[0]).toMatchObject({ page: 1 });
    expect(sizes[0].widthPt).toBeCloseTo(595.28, 1);
  });

  it('renders an A4 page at 200 dpi in grey', async () => {
    const [size] = await pdfPageSizes(pdf, 10, Date.now() + 5000);
    const { image, dpi } = await renderPdfPage(pdf, size, {
      dpi: 200,
      maxPixels: 36e6,
      deadline: Date.now() + 5000,
    });
    expect(dpi).toBe(200);
    expect([image.width, image.height]).toEqual([1654, 2339]);
  });

  it('lowers the resolution of a huge page rather than exceed the pixel limit', () => {
    expect(pageDpi({ page: 1, widthPt: 595, heightPt: 842 }, 200, 36e6)).toBe(200);
    const poster = { page: 1, widthPt: 72 * 100, heightPt: 72 * 100 };
    const dpi = pageDpi(poster, 200, 36e6);
    expect((100 * dpi) ** 2).toBeLessThanOrEqual(36e6);
  });

  it('decodes the QR and the INS DataMatrix of the ordonnance, on page 1', async () => {
    const codes = await decodeImage(pdf, 'application/pdf');
    expect(codes.map((c) => [c.format, c.position.page])).toEqual(
      expect.arrayContaining([
        ['qr', 1],
        ['datamatrix', 1],
      ]),
    );
    expect(codes.find((c) => c.format === 'qr')!.text).toBe(onQrText(0));
    expect(codes.find((c) => c.format === 'datamatrix')!.text).toBe(insText(0));
  });

  it('refuses more pages than the limit (IMAGE_TOO_LARGE) and a broken PDF (IMAGE_UNREADABLE)', async () => {
    expect(await errorCode(decodeImage(pdf, 'application/pdf', { maxPages: 1 }))).toBe('IMAGE_TOO_LARGE');
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 0x41)]);
    expect(await errorCode(decodeImage(broken, 'application/pdf'))).toBe('IMAGE_UNREADABLE');
    const truncated = pdf.subarray(0, Math.floor(pdf.length / 3));
    expect(await errorCode(decodeImage(truncated, 'application/pdf'))).toMatch(
      /IMAGE_UNREADABLE|NO_CODE_FOUND/,
    );
  });

  it('kills the renderer at the deadline', async () => {
    const [size] = await pdfPageSizes(pdf, 10, Date.now() + 5000);
    const render = renderPdfPage(pdf, size, {
      dpi: 600,
      maxPixels: 36e6,
      deadline: Date.now() + 5,
    });
    await expect(render).rejects.toThrow(/^pdftoppm did not finish within \d+ ms$/);
    expect(await errorCode(render)).toBe('IMAGE_UNREADABLE');
  });
});
