import { comptoir } from '../support/api-request';
import { until } from '../support/until';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { SseClient } from '../support/sse';
import { TOKENS } from '../support/test-app';

jest.setTimeout(30_000);

const auth = { Authorization: `Bearer ${TOKENS.counter1}` };
const GS = '\x1d';
// EXAMPLE_SEED's patient: ESSAI ALAIN, born 1966-02-23, INS 166022B12345678 (test OID).
const ALAIN = { lastName: 'ESSAI', firstNames: ['ALAIN'], birthDate: '1966-02-23' };
const OTHER = { lastName: 'DUPONT', firstNames: ['MARC'], birthDate: '1970-05-05' };

describe('patient identification at the counter (simulated Vitale reader, real bridge code)', () => {
  let t: SandboxedApp;
  let sse: SseClient;

  beforeAll(async () => {
    t = await startSandboxedApp();
    sse = new SseClient(`${t.url}/api/v1/events?terminalId=counter-1`, auth);
    await sse.open();
  });

  afterAll(async () => {
    sse.close();
    await t.close();
  });

  const insert = (card: object | 'remove') =>
    comptoir(t.url)
      .post('/api/v1/devices/counter-1-card-reader/simulate')
      .set(auth)
      .send({ data: card === 'remove' ? 'remove' : JSON.stringify(card) })
      .expect(202);
  const open = async () => {
    const { qr } = await t.seed(EXAMPLE_SEED);
    const res = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth)
      .send({ data: qr, terminalId: 'counter-1' });
    return res.body.sessionId as string;
  };
  const dispensation = async (id: string) =>
    (await comptoir(t.url).get(`/api/v1/dispensations/${id}`).set(auth)).body;

  it('lists the reader as a device, and 404 CARD_ABSENT with no card', async () => {
    const devices = await comptoir(t.url).get('/api/v1/devices').set(auth);
    expect(devices.body.items).toContainEqual(
      expect.objectContaining({
        id: 'counter-1-card-reader',
        kind: 'card-reader',
        driver: 'sim',
        terminalId: 'counter-1',
      }),
    );
    const card = await comptoir(t.url).get('/api/v1/terminals/counter-1/card').set(auth);
    expect([card.status, card.body.code]).toEqual([404, 'CARD_ABSENT']);
  });

  it('a card inserted is read, published, and returned by GET /terminals/:id/card; removal too', async () => {
    const from = sse.events.length;
    await insert({ holder: ALAIN });
    await sse.waitFor((e) => e.event === 'card-inserted' && sse.events.indexOf(e) >= from);
    const card = await comptoir(t.url).get('/api/v1/terminals/counter-1/card').set(auth);
    expect(card.body).toMatchObject({
      cardType: 'vitale2',
      holder: { lastName: 'ESSAI', birthDate: '1966-02-23' },
    });
    await insert('remove');
    await sse.waitFor((e) => e.event === 'card-removed' && sse.events.indexOf(e) >= from);
    expect((await comptoir(t.url).get('/api/v1/terminals/counter-1/card').set(auth)).status).toBe(404);
  });

  it("the prescription's patient on the card: no issue; a wrong card: PATIENT_MISMATCH, cleared by the right one", async () => {
    const id = await open();
    await insert({ holder: OTHER });
    await until(
      async () =>
        (await dispensation(id)).issues.some((i: { code: string }) => i.code === 'PATIENT_MISMATCH'),
      5000,
    );
    const d = await dispensation(id);
    expect(d.issues).toEqual([expect.objectContaining({ code: 'PATIENT_MISMATCH', severity: 'blocking' })]);
    expect(JSON.stringify(d.issues)).not.toContain('DUPONT');
    // The pharmacien may override it with a reason (audited); the issue stays, marked overridden.
    const over = await comptoir(t.url)
      .post(`/api/v1/dispensations/${id}/issues/PATIENT_MISMATCH/override`)
      .set(auth)
      .send({ reason: 'Carte du conjoint, identité vérifiée sur pièce' });
    expect(over.status).toBe(200);
    expect((await dispensation(id)).issues).toEqual([
      expect.objectContaining({
        code: 'PATIENT_MISMATCH',
        overridden: expect.objectContaining({ reason: 'Carte du conjoint, identité vérifiée sur pièce' }),
      }),
    ]);
    await insert({ holder: OTHER, beneficiaries: [{ ...ALAIN, firstNames: ['Alain'] }] });
    await until(async () => (await dispensation(id)).issues.length === 0, 5000);
    await insert('remove');
  });

  it('a card already in the reader is checked when the prescription is scanned', async () => {
    await insert({ holder: OTHER });
    await until(
      async () => (await comptoir(t.url).get('/api/v1/terminals/counter-1/card').set(auth)).status === 200,
      5000,
    );
    const id = await open();
    expect((await dispensation(id)).issues.map((i: { code: string }) => i.code)).toEqual([
      'PATIENT_MISMATCH',
    ]);
    await insert('remove');
  });

  it('an INS DataMatrix of the patient matches; another INS is a PATIENT_MISMATCH', async () => {
    const matricule = '166026322000186';
    const seed = {
      ...EXAMPLE_SEED,
      patient: { ...EXAMPLE_SEED.patient, ins: { matricule, oid: '1.2.250.1.213.1.4.10' } },
    };
    const { qr } = await t.seed(seed);
    const opened = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth)
      .send({ data: qr, terminalId: 'counter-1' });
    const id = opened.body.sessionId as string;
    const ins = (m: string) =>
      `IS01${'0'.repeat(22)}${m}1.2.250.1.213.1.4.10ALAIN${GS}ESSAI${GS}M23-02-196663220`;
    const good = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth)
      .send({ data: ins(matricule), terminalId: 'counter-1' });
    expect(good.status).toBe(201);
    expect(good.body.sessionId).toBe(id);
    expect((await dispensation(id)).issues).toEqual([]);
    // Another person's INS (valid key): 2 82 03 75 654 321 + key.
    const other = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth)
      .send({ data: ins('282037565432157'), terminalId: 'counter-1' });
    expect(other.status).toBe(201);
    expect((await dispensation(id)).issues).toEqual([
      expect.objectContaining({
        code: 'PATIENT_MISMATCH',
        details: { source: 'ins', fields: ['ins.matricule'] },
      }),
    ]);
  });

  it('an apCV QR gets a clear message: no SESAM-Vitale component is plugged in', async () => {
    const res = await comptoir(t.url)
      .post('/api/v1/scans')
      .set(auth)
      .send({ data: 'APCV:abc123', terminalId: 'counter-1' });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toContain('SESAM_VITALE_NOT_CONFIGURED');
  });

  it("lends the card to the LGO's billing through the bridge: APDUs in order, raw answers", async () => {
    await insert({ holder: ALAIN });
    await until(
      async () => (await comptoir(t.url).get('/api/v1/terminals/counter-1/card').set(auth)).status === 200,
      5000,
    );
    const res = await comptoir(t.url)
      .post('/api/v1/terminals/counter-1/card/exchange')
      .set(auth)
      .send({ apdus: ['00A4040C0BD250000002564954414C45', '00A4040C04A0000000'] });
    expect(res.status).toBe(200);
    expect(res.body.responses).toHaveLength(2);
    expect(res.body.responses[0]).toMatch(/9000$/);
    expect(res.body.responses[1]).toMatch(/^6A82$/);
    const bad = await comptoir(t.url)
      .post('/api/v1/terminals/counter-1/card/exchange')
      .set(auth)
      .send({ apdus: ['zz'] });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    await insert('remove');
    await until(
      async () => (await comptoir(t.url).get('/api/v1/terminals/counter-1/card').set(auth)).status === 404,
      5000,
    );
    const none = await comptoir(t.url)
      .post('/api/v1/terminals/counter-1/card/exchange')
      .set(auth)
      .send({ apdus: ['00A4040C04A0000000'] });
    expect([none.status, none.body.code]).toEqual([404, 'CARD_ABSENT']);
  });

  it('refuses simulated card data that is not a card', async () => {
    const res = await comptoir(t.url)
      .post('/api/v1/devices/counter-1-card-reader/simulate')
      .set(auth)
      .send({ data: '{"x":1}' });
    expect([res.status, res.body.code]).toEqual([400, 'CARD_DATA_INVALID']);
  });
});
