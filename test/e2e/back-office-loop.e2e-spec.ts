import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { comptoir } from '../support/api-request';
import { CIP } from '../factories/dispensation.factory';
import { bearer, dispensationStatus, gs1Pack, paracetamolSeed } from '../support/dispense-flow';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';

jest.setTimeout(90_000);

const pdftotext = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');

/**
 * The full loop over the public API against the SOAP sandbox: seed → scan → dispense → validate →
 * acknowledged → invoice → rejection (CSV import) → the rejection's reconstitution PDF, read back as text.
 */
describe('back office, the whole loop', () => {
  let t: SandboxedApp;
  beforeAll(async () => {
    t = await startSandboxedApp();
  });
  afterAll(async () => t.close());

  it('from the QR at the counter to the PDF the caisse asked for', async () => {
    const counter = () => comptoir(t.url);
    const { qr, prescriptionId } = await t.seed(paracetamolSeed());

    const opened = await counter()
      .post('/api/v1/scans')
      .set(bearer())
      .send({ data: qr, terminalId: 'counter-1' })
      .expect(201);
    expect(opened.body.retrieval.status).toBe('retrieved');
    const id = opened.body.sessionId as string;
    const packs = [gs1Pack(CIP.dolipraneGelule, 'LOTA1'), gs1Pack(CIP.dolipraneGelule, 'LOTA1')];
    for (const data of packs) {
      await counter().post('/api/v1/scans').set(bearer()).send({ data, terminalId: 'counter-1' }).expect(201);
    }
    const lineId = (await counter().get(`/api/v1/dispensations/${id}`).set(bearer())).body.lines[0]
      .lineId as string;
    await counter()
      .post(`/api/v1/dispensations/${id}/lines/${lineId}/interventions`)
      .set(bearer())
      .send({ problemCode: '5', interventionCode: '3', comment: 'conseil de prise' })
      .expect(201);
    const validated = await counter().post(`/api/v1/dispensations/${id}/validate`).set(bearer()).send({});
    expect(validated.status).toBe(200);
    await until(async () => (await dispensationStatus(t, id)) === 'acknowledged', 15_000);
    await counter()
      .post(`/api/v1/dispensations/${id}/invoice`)
      .set(bearer())
      .send({ fseNumber: 'FSE7700001', billingNumber: 'F-77', invoicedAt: new Date().toISOString() })
      .expect(202);

    const today = new Date().toISOString().slice(0, 10);
    const csv = [
      'fseNumber;rejectionCode;label;date;amountCents',
      `FSE7700001;R042;Pièce justificative absente;${today};216`,
      `FSE0000404;R042;Pièce justificative absente;${today};100`,
    ].join('\r\n');
    const back = () => comptoir(t.url);
    const imported = await back()
      .post('/api/v1/invoice-rejections/import')
      .set(bearer(TOKENS.backoffice))
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(201);
    expect(imported.body).toMatchObject({
      lines: 2,
      imported: 1,
      unmatched: [{ line: 3, code: 'FSE_UNKNOWN' }],
    });
    const list = await back().get('/api/v1/invoice-rejections?status=new').set(bearer(TOKENS.backoffice));
    const rejection = list.body.items.find((r: { fseNumber: string }) => r.fseNumber === 'FSE7700001');
    expect(rejection).toMatchObject({ dispensationId: id, prescriptionId, status: 'new' });
    expect(rejection.executionIds).toContain(validated.body.executionId);
    expect(await dispensationStatus(t, id)).toBe('rejected');
    const detail = await back()
      .get(`/api/v1/invoice-rejections/${rejection.rejectionId}`)
      .set(bearer(TOKENS.backoffice))
      .expect(200);
    expect(detail.body.interventions).toEqual([
      expect.objectContaining({ problemCode: '5', interventionCode: '3' }),
    ]);
    expect(detail.body.packs.map((p: { lot: string }) => p.lot)).toEqual(['LOTA1', 'LOTA1']);

    const dashboard = await back().get('/api/v1/dashboard?status=rejected').set(bearer(TOKENS.backoffice));
    expect(dashboard.body.items.map((i: { prescriptionId: string }) => i.prescriptionId)).toContain(
      prescriptionId,
    );

    const pdf = await back().get(detail.body.reconstitutionUrl).set(bearer(TOKENS.backoffice)).expect(200);
    // Kept with the CI artefacts (test/output, not committed) for a person to look at.
    const out = join(__dirname, '../output');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'reconstitution-loop.pdf'), pdf.body as Buffer);
    const text = pdftotext(pdf.body as Buffer);
    expect(text).toContain(prescriptionId);
    expect(text).toMatch(/PARACETAMOL 1 g gélule/);
    expect(text).toMatch(/DOLIPRANE 1000 mg/);
    expect(text).toContain('3400941533969');
    expect(text).toContain('LOTA1');
    expect(text).toMatch(/FSE7700001/);

    await back()
      .patch(`/api/v1/invoice-rejections/${rejection.rejectionId}`)
      .set(bearer(TOKENS.backoffice))
      .send({ status: 'resolved', comment: 'reconstitution envoyée par SCOR' })
      .expect(200);
    const audit = await back().get('/api/v1/audit/verify').set(bearer(TOKENS.backoffice)).expect(200);
    expect(audit.body.ok).toBe(true);
  });
});
