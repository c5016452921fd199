import { comptoir } from '../support/api-request';
import { greyImage } from '../../src/scan/image/grey-image';
import { insText, onQrText, phoneFrame } from '../support/image-corpus';
import {
  dataMatrixModules,
  drawSymbol,
  qrModules,
  symbolPicture,
  toJpeg,
  toPng,
} from '../support/image-transforms';
import { ordonnancePdf } from '../support/pdf-fixture';
import { phoneAtWebcam } from '../support/webcam-frames';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';
import { appSql } from '../support/database';

const auth = (token = TOKENS.counter1) => ({ Authorization: `Bearer ${token}` });
const post = (t: TestApp) => comptoir(t.url).post('/api/v1/scans/image').set(auth());

/** A prescription QR and an INS DataMatrix side by side, as on an ordonnance. */
function qrAndIns(): Buffer {
  const img = greyImage(900, 420, 255);
  drawSymbol(img, qrModules(onQrText(0)), 40, 40, 6);
  drawSymbol(img, dataMatrixModules(insText(0)), 500, 60, 7);
  return toPng(img);
}

jest.setTimeout(60_000);

describe('POST /api/v1/scans/image (whole app over HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('reads a PNG: the QR is parsed as by POST /api/v1/scans, with its position', async () => {
    const res = await post(t)
      .set('Content-Type', 'image/png')
      .send(toPng(symbolPicture(qrModules(onQrText(1)), 5)));
    expect(res.status).toBe(201);
    expect(res.body.codes).toHaveLength(1);
    expect(res.body.codes[0]).toMatchObject({
      kind: 'prescription-qr',
      format: 'qr',
      parsed: { prescriptionId: '202106180921117959', patient: { firstName: 'Hélène' } },
      warnings: [],
      position: { x: expect.any(Number), y: expect.any(Number), width: expect.any(Number) },
    });
    expect(Math.abs(res.body.codes[0].position.x - 20)).toBeLessThanOrEqual(3);
    expect(typeof res.body.codes[0].id).toBe('string');
  });

  it('reads a phone in dark mode photographed by a webcam: the QR light on dark', async () => {
    const res = await post(t)
      .set('Content-Type', 'image/jpeg')
      .send(toJpeg(phoneAtWebcam(onQrText(2), { dark: true }), 85));
    expect(res.status).toBe(201);
    expect(res.body.codes).toEqual([
      expect.objectContaining({
        kind: 'prescription-qr',
        format: 'qr',
        parsed: expect.objectContaining({ prescriptionId: '202106180921125878' }),
      }),
    ]);
  });

  it('returns the QR and the INS DataMatrix of one picture, each classified', async () => {
    const res = await post(t).set('Content-Type', 'image/png').send(qrAndIns());
    expect(res.status).toBe(201);
    const byKind = Object.fromEntries(res.body.codes.map((c: { kind: string }) => [c.kind, c]));
    expect(byKind['prescription-qr']).toMatchObject({
      format: 'qr',
      parsed: { prescriptionId: '202106180921110040' },
    });
    expect(byKind.ins).toMatchObject({
      format: 'datamatrix',
      parsed: { matricule: '255081416802538', birthName: 'DUPONT', firstNames: 'MARIE CLAIRE' },
      position: { x: expect.any(Number) },
    });
    expect(Math.abs(byKind.ins.position.x - 500)).toBeLessThanOrEqual(6);
  });

  it('reads a JPEG webcam frame of a phone screen', async () => {
    const res = await post(t)
      .set('Content-Type', 'image/jpeg')
      .send(toJpeg(phoneFrame(0), 85));
    expect(res.status).toBe(201);
    expect(res.body.codes[0]).toMatchObject({ kind: 'prescription-qr', format: 'qr' });
  });

  it('reads a PDF ordonnance: both codes, on page 1', async () => {
    const res = await post(t)
      .set('Content-Type', 'application/pdf')
      .send(await ordonnancePdf(onQrText(2), insText(2)));
    expect(res.status).toBe(201);
    expect(res.body.codes.map((c: { kind: string }) => c.kind).sort()).toEqual(['ins', 'prescription-qr']);
    for (const c of res.body.codes) expect(c.position.page).toBe(1);
  });

  it('takes a multipart upload with terminalId as a form field, and routes the codes there', async () => {
    const res = await post(t)
      .field('terminalId', 'counter-1')
      .attach('file', qrAndIns(), { filename: 'ordonnance.png', contentType: 'image/png' });
    expect(res.status).toBe(201);
    const ins = res.body.codes.find((c: { kind: string }) => c.kind === 'ins');
    const rows = await appSql(t.app, 'SELECT "kind", "terminalId", "source" FROM "scans" WHERE "id" = ?', [
      ins.id,
    ]);
    expect(rows).toEqual([{ kind: 'ins', terminalId: 'counter-1', source: 'api' }]);
  });

  it("403 TERMINAL_MISMATCH when terminalId is not the token's terminal (query or form)", async () => {
    const png = qrAndIns();
    const raw = await post(t).query({ terminalId: 'counter-2' }).set('Content-Type', 'image/png').send(png);
    expect(raw.body).toMatchObject({ status: 403, code: 'TERMINAL_MISMATCH' });
    const form = await post(t).field('terminalId', 'counter-2').attach('file', png, 'o.png');
    expect(form.body).toMatchObject({ status: 403, code: 'TERMINAL_MISMATCH' });
  });

  it('returns a code whose text does not parse as an entry with error, beside the good one', async () => {
    const img = greyImage(800, 400, 255);
    drawSymbol(img, qrModules('¿nada?'), 40, 40, 6);
    drawSymbol(img, qrModules(onQrText(0)), 420, 40, 6);
    const res = await post(t).set('Content-Type', 'image/png').send(toPng(img));
    expect(res.status).toBe(201);
    const bad = res.body.codes.find((c: { error?: unknown }) => c.error);
    expect(bad).toEqual({
      format: 'qr',
      position: expect.any(Object),
      error: { code: 'UNKNOWN_CODE', detail: expect.stringMatching(/^Code non reconnu de \d+ caractères$/) },
    });
    expect(res.body.codes.some((c: { kind?: string }) => c.kind === 'prescription-qr')).toBe(true);
  });

  it('422 NO_CODE_FOUND for a blank picture', async () => {
    const res = await post(t)
      .set('Content-Type', 'image/png')
      .send(toPng(greyImage(640, 480, 255)));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'NO_CODE_FOUND' });
  });

  it('422 IMAGE_UNREADABLE for garbage sent as image/png, and for an empty body', async () => {
    const garbage = await post(t)
      .set('Content-Type', 'image/png')
      .send(Buffer.from('this is not a picture at all'));
    expect(garbage.status).toBe(422);
    expect(garbage.body.code).toBe('IMAGE_UNREADABLE');
    const empty = await post(t).set('Content-Type', 'image/jpeg').send(Buffer.alloc(0));
    expect(empty.body.code).toBe('IMAGE_UNREADABLE');
  });

  it('413 over server.imageBodyLimit', async () => {
    const res = await post(t)
      .set('Content-Type', 'image/png')
      .send(Buffer.alloc(10 * 1024 * 1024 + 1024, 1));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('415 for text/plain and for JSON', async () => {
    const text = await post(t).set('Content-Type', 'text/plain').send('{"S":{"V":2}}');
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const json = await post(t).send({ data: 'x' });
    expect(json.status).toBe(415);
  });

  it('401 without a token', async () => {
    const res = await comptoir(t.url)
      .post('/api/v1/scans/image')
      .set('Content-Type', 'image/png')
      .send(qrAndIns());
    expect(res.status).toBe(401);
  });

  it('replays the first answer for the same Idempotency-Key and picture', async () => {
    const png = qrAndIns();
    const first = await post(t).set('Idempotency-Key', 'img-1').set('Content-Type', 'image/png').send(png);
    const again = await post(t).set('Idempotency-Key', 'img-1').set('Content-Type', 'image/png').send(png);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('is in the OpenAPI document with its content types', async () => {
    const res = await comptoir(t.url).get('/api/docs-json');
    const op = res.body.paths['/api/v1/scans/image']?.post;
    expect(op).toBeDefined();
    expect(Object.keys(op.requestBody.content)).toEqual(
      expect.arrayContaining(['image/png', 'image/jpeg', 'application/pdf', 'multipart/form-data']),
    );
  });
});
