import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { comptoir } from '../support/api-request';
import { decodeImage } from '../../src/scan/image/decode-image';
import { CIP } from '../factories/dispensation.factory';
import { bearer, Dispensed, dispenseAndValidate, dispenseToInvoiced } from '../support/dispense-flow';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';

jest.setTimeout(90_000);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdftotext = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');

describe('GET /api/v1/prescriptions/:id/reconstitution.pdf (sandbox over SOAP)', () => {
  let t: SandboxedApp;
  let invoiced: Dispensed & { invoiceId: string };

  const path = (id: string, executionId?: string) =>
    `/api/v1/prescriptions/${id}/reconstitution.pdf` + (executionId ? `?executionId=${executionId}` : '');
  const getPdf = (url: string, token = TOKENS.backoffice) => comptoir(t.url).get(url).set(bearer(token));
  const executions = async (prescriptionId: string) =>
    (await comptoir(t.url).get(`/api/v1/executions?prescriptionId=${prescriptionId}`).set(bearer())).body
      .items as { status: string }[];

  beforeAll(async () => {
    t = await startSandboxedApp();
    invoiced = await dispenseToInvoiced(t, { fseNumber: 'FSE-RECON-0001' });
    // The execution and its post-invoice update both acknowledged: the data stop moving.
    await until(async () => {
      const items = await executions(invoiced.prescriptionId);
      return items.length === 2 && items.every((e) => e.status === 'acknowledged');
    }, 20_000);
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers an A4 PDF, inline, not cached, with the prescription, the delivery and the pharmacy', async () => {
    const res = await getPdf(path(invoiced.prescriptionId));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="reconstitution-${invoiced.prescriptionId}.pdf"`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const pdf = res.body as Buffer;
    const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString();
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const text = pdftotext(pdf);
    for (const s of [
      invoiced.prescriptionId,
      'Prescripteur',
      'Dr TRAL ADEMIS',
      'Patient',
      'ESSAI ALAIN',
      'PARACETAMOL 1 g gélule',
      '1 gélule matin et soir si douleur',
      'DOLIPRANE',
      `CIP13 ${CIP.dolipraneGelule}`,
      'lot LOT1',
      'Renouvellement n° 0',
      'FINESS',
      '990000011',
      'FSE n° FSE-RECON-0001',
      'acquittée par le téléservice',
      'Substitution',
      'ne vaut pas original',
      'page 1/1',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('carries the ON QR code, read back at 200 dpi by the scanner stage as the paper copy’s payload', async () => {
    const pdf = (await getPdf(path(invoiced.prescriptionId))).body as Buffer;
    const png = execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', '-'], { input: pdf });
    const codes = await decodeImage(png, 'image/png', { deadlineMs: 20_000 });
    expect(codes.map((c) => [c.format, c.text])).toEqual([['qr', invoiced.qr]]);
  });

  it('gives the same bytes for the same data, and audits each production', async () => {
    const before = (await comptoir(t.url).get('/api/v1/audit/verify').set(bearer(TOKENS.backoffice))).body;
    const a = (await getPdf(path(invoiced.prescriptionId))).body as Buffer;
    const b = (await getPdf(path(invoiced.prescriptionId))).body as Buffer;
    expect(sha256(a)).toBe(sha256(b));
    const after = (await comptoir(t.url).get('/api/v1/audit/verify').set(bearer(TOKENS.backoffice))).body;
    expect(after.ok).toBe(true);
    expect(after.entries).toBe(before.entries + 2);
  });

  it('narrows to one execution with ?executionId=', async () => {
    const res = await getPdf(path(invoiced.prescriptionId, invoiced.executionId));
    expect(res.status).toBe(200);
    expect(pdftotext(res.body as Buffer)).toContain('exécution n° 1 de cette pharmacie');
  });

  it('404 RECONSTITUTION_EXECUTION_UNKNOWN for an execution of another prescription', async () => {
    const other = await dispenseAndValidate(t);
    const res = await comptoir(t.url)
      .get(path(invoiced.prescriptionId, other.executionId))
      .set(bearer(TOKENS.backoffice));
    expect([res.status, res.body.code]).toEqual([404, 'RECONSTITUTION_EXECUTION_UNKNOWN']);
  });

  it('404 RECONSTITUTION_UNAVAILABLE for a prescription never retrieved here', async () => {
    const res = await comptoir(t.url).get(path('20261101000000999999')).set(bearer(TOKENS.backoffice));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('RECONSTITUTION_UNAVAILABLE');
  });

  it('403 for a counter token, 401 without one', async () => {
    const counter = await comptoir(t.url).get(path(invoiced.prescriptionId)).set(bearer(TOKENS.counter1));
    expect(counter.status).toBe(403);
    const anonymous = await comptoir(t.url).get(path(invoiced.prescriptionId));
    expect(anonymous.status).toBe(401);
  });
});
