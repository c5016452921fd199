import { comptoir } from '../support/api-request';
import { localDate } from '../../src/core/clock/calendar';
import { CIP } from '../factories/dispensation.factory';
import {
  bearer,
  dispensationStatus,
  dispenseToInvoiced,
  gs1Pack,
  paracetamolSeed,
} from '../support/dispense-flow';
import { QUICK_RETRIES, SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';
import { appSql } from '../support/database';

jest.setTimeout(90_000);

describe('back office: invoice rejections', () => {
  let t: SandboxedApp;
  const bo = bearer(TOKENS.backoffice);
  const api = () => comptoir(t.url);
  const post = (body: object, token = TOKENS.backoffice) =>
    api().post('/api/v1/invoice-rejections').set(bearer(token)).send(body);
  const importCsv = (text: string | Buffer, type = 'text/csv') =>
    api().post('/api/v1/invoice-rejections/import').set(bo).set('Content-Type', type).send(text);
  /** Every outbox call of the prescription acknowledged (execution and post-invoice update). */
  const settled = (prescriptionId: string) =>
    until(async () => {
      const res = await api().get(`/api/v1/executions?prescriptionId=${prescriptionId}`).set(bo);
      const items = res.body.items as { status: string }[];
      return items.length === 2 && items.every((e) => e.status === 'acknowledged');
    }, 15_000);
  const auditActions = async (subjectId: string) =>
    (
      await appSql<{ action: string }>(
        t.app,
        `SELECT "action" FROM "audit_entries" WHERE "subjectId" = ? ORDER BY "seq"`,
        [subjectId],
      )
    ).map((r) => r.action);

  beforeAll(async () => {
    t = await startSandboxedApp({ overrides: QUICK_RETRIES });
  });
  afterAll(async () => t?.close());
  afterEach(async () => t.faults({ mode: 'none', rate: 0 }));

  it('records a rejection linked to its dispensation and executions; the same one twice is one row', async () => {
    const d = await dispenseToInvoiced(t, { fseNumber: 'FSE-REJ-1', billingNumber: 'B-1' });
    await settled(d.prescriptionId);
    const body = {
      fseNumber: 'FSE-REJ-1',
      rejectionCode: 'R-101',
      label: 'PIECE JUSTIFICATIVE ABSENTE',
      receivedAt: '2026-11-28T08:00:00+01:00',
      amountCents: 216,
    };
    const first = await post(body).expect(201);
    expect(first.body).toMatchObject({
      dispensationId: d.dispensationId,
      prescriptionId: d.prescriptionId,
      invoiceId: d.invoiceId,
      fseNumber: 'FSE-REJ-1',
      billingNumber: 'B-1',
      invoiceDate: localDate(new Date(), 'Europe/Paris'),
      rejectionCode: 'R-101',
      amountCents: 216,
      receivedAt: '2026-11-28T07:00:00.000Z',
      suggestedAction: 'send-reconstitution-scor',
      status: 'new',
      comment: null,
    });
    expect(first.body.executionIds).toHaveLength(2);
    expect(first.body.executionIds[0]).toBe(d.executionId);
    expect(await dispensationStatus(t, d.dispensationId)).toBe('rejected');

    const again = await post(body).expect(201);
    expect(again.body.rejectionId).toBe(first.body.rejectionId);
    const list = await api().get('/api/v1/invoice-rejections').set(bo).expect(200);
    expect(list.body.items.filter((r: { fseNumber: string }) => r.fseNumber === 'FSE-REJ-1')).toHaveLength(1);

    const detail = await api()
      .get(`/api/v1/invoice-rejections/${first.body.rejectionId}`)
      .set(bo)
      .expect(200);
    expect(detail.body).toMatchObject({
      rejectionId: first.body.rejectionId,
      dispensation: {
        id: d.dispensationId,
        status: 'rejected',
        terminalId: 'counter-1',
        renewalNumber: 0,
        operator: { rpps: '10001234567', role: 'pharmacien' },
      },
      invoice: { invoiceId: d.invoiceId, fseNumber: 'FSE-REJ-1', billingNumber: 'B-1', amountCents: 216 },
      reconstitutionUrl: `/api/v1/prescriptions/${d.prescriptionId}/reconstitution.pdf`,
      interventions: [],
      overrides: [],
      // The back office may see whose prescription it is (issue 20), and what its lines were.
      patient: { lastName: 'ESSAI', firstName: 'ALAIN', birthDate: '1966-02-23' },
      lines: [{ lineId: '1', kind: 'medication', label: 'PARACETAMOL 1 g gélule' }],
    });
    expect(detail.body.executions).toEqual([
      expect.objectContaining({
        executionId: d.executionId,
        sequence: 1,
        kind: 'execution',
        status: 'acknowledged',
      }),
      expect.objectContaining({ sequence: 2, kind: 'post-invoice', status: 'acknowledged' }),
    ]);
    expect(detail.body.executions[0].acknowledgedAt).toEqual(expect.any(String));
    expect(detail.body.packs).toHaveLength(2);
    expect(detail.body.packs[0]).toMatchObject({
      kind: 'pack',
      cip13: expect.any(String),
      serial: expect.any(String),
    });
    expect(await auditActions(first.body.rejectionId)).toEqual(['invoice-rejection.created']);
  });

  it('answers 404 FSE_UNKNOWN when no invoice matches the FSE, its billing number or its date', async () => {
    const d = await dispenseToInvoiced(t, { fseNumber: 'FSE-REJ-2', billingNumber: 'B-2' });
    const base = {
      fseNumber: 'FSE-REJ-2',
      rejectionCode: 'R-2',
      label: 'TAUX ERRONE',
      receivedAt: '2026-11-29',
    };
    const unknown = await post({ ...base, fseNumber: 'FSE-NOPE' }).expect(404);
    expect(unknown.body).toMatchObject({ code: 'FSE_UNKNOWN', status: 404 });
    expect((await post({ ...base, billingNumber: 'B-OTHER' }).expect(404)).body.code).toBe('FSE_UNKNOWN');
    expect((await post({ ...base, invoiceDate: '2020-01-01' }).expect(404)).body.code).toBe('FSE_UNKNOWN');
    const today = localDate(new Date(), 'Europe/Paris');
    const ok = await post({ ...base, billingNumber: 'B-2', invoiceDate: today }).expect(201);
    expect(ok.body).toMatchObject({
      dispensationId: d.dispensationId,
      status: 'new',
      receivedAt: expect.any(String),
    });
  });

  it('is for the back office only, and validates its body', async () => {
    const body = { fseNumber: 'X', rejectionCode: 'R', label: 'L', receivedAt: '2026-11-28' };
    expect((await post(body, TOKENS.counter1).expect(403)).body.code).toBe('FORBIDDEN');
    await api().get('/api/v1/invoice-rejections').set(bearer()).expect(403);
    await api().post('/api/v1/invoice-rejections').send(body).expect(401);
    const bad = await post({ ...body, receivedAt: 'yesterday', extra: 1 }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((await api().get('/api/v1/invoice-rejections?status=done').set(bo).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('imports a CSV file: matched, duplicate, unmatched and invalid lines, counted', async () => {
    const d = await dispenseToInvoiced(t, { fseNumber: 'FSE-REJ-3' });
    const csv = [
      '\uFEFFfseNumber;rejectionCode;label;date;amountCents',
      'FSE-REJ-3;0009-816;ALD INCONNUE EN BASE;28/11/2026;216',
      'FSE-REJ-1;R-101;PIECE JUSTIFICATIVE ABSENTE;2026-11-28T08:00:00+01:00;216',
      'FSE-NOPE;R-9;"LIBELLE; AVEC SEPARATEUR";2026-11-28;',
      'FSE-REJ-3;R-9;date fausse;2026-02-31;1',
      'FSE-REJ-3;0009-816;ALD INCONNUE EN BASE;2026-11-28;216',
      '',
    ].join('\r\n');
    const res = await importCsv(csv).expect(201);
    expect(res.body).toMatchObject({
      lines: 5,
      imported: 1,
      duplicates: 2,
      unmatched: [{ line: 4, fseNumber: 'FSE-NOPE', code: 'FSE_UNKNOWN' }],
      invalid: [
        {
          line: 5,
          error:
            "« date » : « 2026-02-31 » n'est pas une date AAAA-MM-JJ ou JJ/MM/AAAA, ni un instant ISO 8601",
        },
      ],
    });
    expect(new Set(res.body.rejectionIds).size).toBe(2);
    const list = await api().get('/api/v1/invoice-rejections?status=new').set(bo).expect(200);
    const mine = list.body.items.filter((r: { fseNumber: string }) => r.fseNumber === 'FSE-REJ-3');
    expect(mine).toEqual([
      expect.objectContaining({
        dispensationId: d.dispensationId,
        rejectionCode: '0009-816',
        suggestedAction: 'correct-and-reinvoice',
        amountCents: 216,
      }),
    ]);
    // Imported again: nothing new.
    expect((await importCsv(csv).expect(201)).body).toMatchObject({ imported: 0, duplicates: 3 });
  });

  it("says what is wrong with a line in French, English on request, naming the file's own columns", async () => {
    const csv = [
      'N° FSE;Code rejet;Libellé;Date rejet;Montant',
      'FSE 9;R-1;X;2026-11-28;1',
      'F-9;R-1;;2026-11-28;1',
    ].join('\n');
    expect((await importCsv(csv).expect(201)).body.invalid).toEqual([
      { line: 2, error: '« N° FSE » : de 1 à 32 lettres, chiffres ou -' },
      { line: 3, error: 'La colonne « Libellé » est vide' },
    ]);
    const en = await importCsv(csv).set('Accept-Language', 'en').expect(201);
    expect(en.body.invalid).toEqual([
      { line: 2, error: 'N° FSE: 1–32 letters, digits or -' },
      { line: 3, error: 'Libellé is empty' },
    ]);
    const noDate = await importCsv('N° FSE;Code rejet;Libellé\n1;2;3').expect(422);
    expect([noDate.body.code, noDate.body.detail]).toEqual([
      'REJECTION_IMPORT_INVALID',
      "Il manque à la ligne d'en-tête la colonne « date » (par exemple : fseNumber;rejectionCode;label;date;amountCents)",
    ]);
  });

  it('refuses a file that is not CSV in the documented layout', async () => {
    const notCsv = await importCsv('hello world\nthis is not it').expect(422);
    expect(notCsv.body.code).toBe('REJECTION_IMPORT_INVALID');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await importCsv(png).expect(422)).body.code).toBe('REJECTION_IMPORT_INVALID');
    const json = await api()
      .post('/api/v1/invoice-rejections/import')
      .set(bo)
      .send({ fseNumber: '1' })
      .expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await api()
      .post('/api/v1/invoice-rejections/import')
      .set(bearer())
      .set('Content-Type', 'text/csv')
      .send('a;b')
      .expect(403);
  });

  it('follows a rejection new → in-progress → resolved, each change audited', async () => {
    const d = await dispenseToInvoiced(t, { fseNumber: 'FSE-REJ-4' });
    const created = await post({
      fseNumber: 'FSE-REJ-4',
      rejectionCode: 'R-4',
      label: 'ORDONNANCE MANQUANTE',
      receivedAt: '2026-11-30T09:00:00Z',
    }).expect(201);
    const id = created.body.rejectionId as string;
    const patch = (body: object) => api().patch(`/api/v1/invoice-rejections/${id}`).set(bo).send(body);
    const working = await patch({ status: 'in-progress', comment: 'Reconstitution envoyée par SCOR' }).expect(
      200,
    );
    expect(working.body).toMatchObject({
      rejectionId: id,
      status: 'in-progress',
      comment: 'Reconstitution envoyée par SCOR',
    });
    expect(await dispensationStatus(t, d.dispensationId)).toBe('rejected');
    const done = await patch({ status: 'resolved' }).expect(200);
    expect(done.body).toMatchObject({ status: 'resolved', comment: 'Reconstitution envoyée par SCOR' });
    expect(await dispensationStatus(t, d.dispensationId)).toBe('invoiced');
    const resolved = await api().get('/api/v1/invoice-rejections?status=resolved').set(bo).expect(200);
    expect(resolved.body.items.map((r: { rejectionId: string }) => r.rejectionId)).toContain(id);
    expect(await auditActions(id)).toEqual([
      'invoice-rejection.created',
      'invoice-rejection.status-changed',
      'invoice-rejection.status-changed',
    ]);
    expect((await patch({ status: 'closed' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const unknown = await api()
      .patch('/api/v1/invoice-rejections/nope')
      .set(bo)
      .send({ status: 'resolved' })
      .expect(404);
    expect(unknown.body.code).toBe('REJECTION_UNKNOWN');
    expect((await api().get('/api/v1/invoice-rejections/nope').set(bo).expect(404)).body.code).toBe(
      'REJECTION_UNKNOWN',
    );
    const verify = await api().get('/api/v1/audit/verify').set(bo).expect(200);
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('suggests resending an execution the teleservice never acknowledged; shows the interventions', async () => {
    const { qr, prescriptionId } = await t.seed(paracetamolSeed());
    const counter = () => api().post('/api/v1/scans').set(bearer());
    const opened = await counter().send({ data: qr, terminalId: 'counter-1' }).expect(201);
    const id = opened.body.sessionId as string;
    for (const pack of [gs1Pack(CIP.dolipraneGelule), gs1Pack(CIP.dolipraneGelule)]) {
      await counter().send({ data: pack, terminalId: 'counter-1' }).expect(201);
    }
    await api()
      .post(`/api/v1/dispensations/${id}/lines/1/interventions`)
      .set(bearer())
      .send({ problemCode: '5', interventionCode: '1', comment: 'conseil' })
      .expect(201);
    await t.faults({ mode: 'http500', rate: 1 }); // the execution stays queued
    await api().post(`/api/v1/dispensations/${id}/validate`).set(bearer()).send({}).expect(200);
    await api()
      .post(`/api/v1/dispensations/${id}/invoice`)
      .set(bearer())
      .send({
        fseNumber: 'FSE-REJ-5',
        invoicedAt: new Date().toISOString(),
        override: { reason: 'Téléservice en panne' },
      })
      .expect(202);
    const body = {
      fseNumber: 'FSE-REJ-5',
      rejectionCode: 'R-5',
      label: 'ORDONNANCE NON RECUE',
      receivedAt: '2026-12-01',
    };
    const created = await post(body).expect(201);
    expect(created.body).toMatchObject({ prescriptionId, suggestedAction: 'resend-execution' });
    const detail = await api()
      .get(`/api/v1/invoice-rejections/${created.body.rejectionId}`)
      .set(bo)
      .expect(200);
    expect(detail.body.interventions).toEqual([
      expect.objectContaining({
        lineId: '1',
        problemCode: '5',
        interventionCode: '1',
        by: expect.any(Object),
      }),
    ]);
    expect(detail.body.invoice).toMatchObject({ overridden: true });
    expect(detail.body.executions.map((e: { status: string }) => e.status)).not.toContain('acknowledged');

    await t.faults({ mode: 'none', rate: 0 });
    await until(async () => {
      const res = await api().get(`/api/v1/invoice-rejections/${created.body.rejectionId}`).set(bo);
      return res.body.suggestedAction === 'send-reconstitution-scor';
    }, 15_000);
  });
});
