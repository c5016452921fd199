import { comptoir } from '../support/api-request';
import { SseClient } from '../support/sse';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';
import { appSql } from '../support/database';

// Starting the app (migrations, the sandbox) can outlast jest's 5 s default on a loaded machine.
jest.setTimeout(30_000);

const GS = '\x1d';
const auth = (token = TOKENS.counter1) => ({ Authorization: `Bearer ${token}` });

describe('POST /api/v1/scans (whole app, real SQLite file)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('401 without a token, as problem+json', async () => {
    const res = await comptoir(t.url).post('/api/v1/scans').send({ data: '3400930091357' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('401 with a wrong token', async () => {
    const res = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth('nope-nope-nope'))
      .send({ data: '3400930091357' });
    expect(res.body.code).toBe('UNAUTHORIZED');
  });

  it('parses an ON prescription QR', async () => {
    const qr =
      '{"S":{"V":2},"D":{"ID":"202106180921110040","P":{"N":"GENE","P":"Alain","D":"1966-02-23"},"M":{"RPPS":"99900038441","AM":"991118019"}}}';
    const res = await comptoir(t.url).post('/api/v1/scans').set(auth()).send({ data: qr });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'prescription-qr',
      parsed: {
        prescriptionId: '202106180921110040',
        qrVersion: 2,
        patient: { lastName: 'GENE', firstName: 'Alain', birthDate: '1966-02-23' },
        prescriber: { rpps: '99900038441', am: '991118019' },
      },
      warnings: [],
    });
    expect(typeof res.body.id).toBe('string');
  });

  it('parses a bare prescription ID', async () => {
    const res = await comptoir(t.url).post('/api/v1/scans').set(auth()).send({ data: '202106180921110040' });
    expect(res.body).toMatchObject({
      kind: 'prescription-id',
      parsed: { prescriptionId: '202106180921110040' },
    });
  });

  it('parses a GS1 DataMatrix of a French pack, with symbology id and GS', async () => {
    const data = `]d2010340093009135721880262526043813${GS}10VWA25001A${GS}17280831`;
    const res = await comptoir(t.url).post('/api/v1/scans').set(auth()).send({ data });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'pack',
      parsed: {
        gtin: '03400930091357',
        cip13: '3400930091357',
        serial: '880262526043813',
        lot: 'VWA25001A',
        expiry: '2028-08-31',
      },
    });
  });

  it('accepts the same GS1 data sent as base64 bytes', async () => {
    const data = Buffer.from(`010340093009135717280800${GS}10LOT1`, 'latin1').toString('base64');
    const res = await comptoir(t.url).post('/api/v1/scans').set(auth()).send({ data, encoding: 'base64' });
    expect(res.body).toMatchObject({ kind: 'pack', parsed: { expiry: '2028-08-31', lot: 'LOT1' } });
  });

  it('parses a CIP13 product code', async () => {
    const res = await comptoir(t.url).post('/api/v1/scans').set(auth()).send({ data: '3400930091357' });
    expect(res.body).toMatchObject({
      kind: 'product-code',
      parsed: { code: '3400930091357', codeType: 'cip13', cip13: '3400930091357' },
    });
  });

  it('parses an INS DataMatrix', async () => {
    const data = `IS0100000000000000000000002550199000000771.2.250.1.213.1.4.10PIERRE ALAIN${GS}ESSAI${GS}M23-02-196663220`;
    const res = await comptoir(t.url).post('/api/v1/scans').set(auth()).send({ data });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'ins',
      parsed: {
        matricule: '255019900000077',
        oid: '1.2.250.1.213.1.4.10',
        birthName: 'ESSAI',
        sex: 'M',
        birthDate: '1966-02-23',
        birthPlace: '63220',
      },
    });
  });

  it.each([
    ['GS1_CHECK_DIGIT', `0103400930091358${GS}10LOT`],
    ['GS1_MALFORMED', `]d20103400930091357171399${GS}`],
    ['EAN_CHECK_DIGIT', '3400930091358'],
    ['QR_MALFORMED', '{"S":{"V":2},"D":{"P":{}}'],
    ['INS_MALFORMED', 'IS01000000000000000000000012'],
    ['UNKNOWN_CODE', '<script>alert(1)</script>'],
  ])('422 %s for a malformed code', async (code, data) => {
    const res = await comptoir(t.url).post('/api/v1/scans').set(auth()).send({ data });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: 422, code });
  });

  it('413 for a body over the limit', async () => {
    const res = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .send({ data: 'x'.repeat(100_000) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('413 for scan data over scan.maxLength', async () => {
    const res = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .send({ data: '1'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('SCAN_TOO_LARGE');
  });

  it('400 for invalid JSON and for unknown fields', async () => {
    const bad = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .set('Content-Type', 'application/json')
      .send('{"data":');
    expect([bad.status, bad.body.code]).toEqual([400, 'MALFORMED_JSON']);
    const extra = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .send({ data: '3400930091357', evil: 1 });
    expect([extra.status, extra.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('403 TERMINAL_MISMATCH when terminalId is not the token terminal', async () => {
    const res = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .send({ data: '3400930091357', terminalId: 'counter-2' });
    expect([res.status, res.body.code]).toEqual([403, 'TERMINAL_MISMATCH']);
  });

  it('routes a scan with terminalId: stored and published as an SSE scan event', async () => {
    const sse = new SseClient(`${t.url}/api/v1/events?terminalId=counter-1`, auth());
    expect(await sse.open()).toBe(200);
    const res = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .send({ data: '3400930091357', terminalId: 'counter-1' });
    expect(res.status).toBe(201);
    const event = await sse.waitFor(
      (e) => e.event === 'scan' && (e.data as { data: { id: string } }).data.id === res.body.id,
    );
    expect(event.data).toMatchObject({
      type: 'scan',
      terminalId: 'counter-1',
      data: { kind: 'product-code' },
    });
    sse.close();
    const rows = await appSql(t.app, 'SELECT "kind", "terminalId", "source" FROM "scans" WHERE "id" = ?', [
      res.body.id,
    ]);
    expect(rows).toEqual([{ kind: 'product-code', terminalId: 'counter-1', source: 'api' }]);
  });

  it('replays missed events after Last-Event-ID', async () => {
    const first = new SseClient(`${t.url}/api/v1/events?terminalId=counter-1`, auth());
    await first.open();
    await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .send({ data: '3400930091357', terminalId: 'counter-1' });
    const seen = await first.waitFor((e) => e.event === 'scan');
    first.close();
    const missed = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .send({ data: '202106180921110040', terminalId: 'counter-1' });
    const again = new SseClient(`${t.url}/api/v1/events?terminalId=counter-1`, {
      ...auth(),
      'Last-Event-ID': seen.id!,
    });
    await again.open();
    const replayed = await again.waitFor(
      (e) => (e.data as { data: { id?: string } }).data.id === missed.body.id,
    );
    expect(Number(replayed.id)).toBeGreaterThan(Number(seen.id));
    again.close();
  });

  it('does not stream another terminal to a counter token', async () => {
    const res = await comptoir(t.url).get('/api/v1/events?terminalId=counter-2').set(auth());
    expect([res.status, res.body.code]).toEqual([403, 'TERMINAL_MISMATCH']);
  });

  it('replays the first answer for the same Idempotency-Key and refuses another body under it', async () => {
    const first = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .set('Idempotency-Key', 'k-1')
      .send({ data: '3400930091357', terminalId: 'counter-1' });
    const again = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .set('Idempotency-Key', 'k-1')
      .send({ data: '3400930091357', terminalId: 'counter-1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .set('Idempotency-Key', 'k-1')
      .send({ data: '202106180921110040' });
    expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('replays a refused request under its Idempotency-Key too', async () => {
    const first = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .set('Idempotency-Key', 'k-2')
      .send({ data: '3400930091358' });
    const again = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth())
      .set('Idempotency-Key', 'k-2')
      .send({ data: '3400930091358' });
    expect([first.status, again.status]).toEqual([422, 422]);
    expect(again.body).toEqual(first.body);
  });
});
