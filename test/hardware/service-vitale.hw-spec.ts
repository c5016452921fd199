import request from 'supertest';
import { until } from '../support/until';
import { PcscdHarness } from '../../devices/sim/pcscd-harness';
import { VirtualVitaleCard } from '../../devices/sim/virtual-vitale-card';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';

jest.setTimeout(40_000);

const auth = { Authorization: `Bearer ${TOKENS.counter1}` };

describe('the service reading a Carte Vitale through real pcscd + vpcd', () => {
  let harness: PcscdHarness;
  let t: SandboxedApp;
  let card: VirtualVitaleCard | undefined;

  beforeAll(async () => {
    harness = await PcscdHarness.start();
    t = await startSandboxedApp({
      overrides: {
        terminals: [{ id: 'counter-1', vitale: { driver: 'pcsc', reader: 'Virtual PCD 00 00' } }],
      },
    });
    await until(async () => {
      const res = await request(t.url).get('/api/v1/devices').set(auth);
      return res.body.items?.[0]?.status === 'connected';
    });
  });

  afterAll(async () => {
    await card?.remove();
    await t?.close();
    await harness?.stop();
  });

  it('inserting the wrong card raises PATIENT_MISMATCH on the open dispensation; the right card clears it', async () => {
    const { qr } = await t.seed(EXAMPLE_SEED);
    const opened = await request(t.url)
      .post('/api/v1/scans')
      .set(auth)
      .send({ data: qr, terminalId: 'counter-1' });
    const id = opened.body.sessionId as string;
    const issues = async () =>
      (await request(t.url).get(`/api/v1/dispensations/${id}`).set(auth)).body.issues as { code: string }[];

    card = new VirtualVitaleCard({
      holder: { lastName: 'DUPONT', firstNames: ['MARC'], birthDate: '1970-05-05' },
    });
    await card.insert();
    await until(async () => (await issues()).some((i) => i.code === 'PATIENT_MISMATCH'));
    const read = await request(t.url).get('/api/v1/terminals/counter-1/card').set(auth);
    expect(read.body.holder).toMatchObject({ lastName: 'DUPONT', birthDate: '1970-05-05' });
    await card.remove();
    await until(
      async () => (await request(t.url).get('/api/v1/terminals/counter-1/card').set(auth)).status === 404,
    );

    card = new VirtualVitaleCard({
      holder: { lastName: 'ESSAI', firstNames: ['ALAIN'], birthDate: '1966-02-23' },
    });
    await card.insert();
    await until(async () => (await issues()).length === 0);
  });
});
