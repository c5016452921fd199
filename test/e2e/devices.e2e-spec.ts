import { comptoir } from '../support/api-request';
import { SseClient } from '../support/sse';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';

// Starting the app (migrations, the sandbox) can outlast jest's 5 s default on a loaded machine.
jest.setTimeout(30_000);

const auth = (token = TOKENS.counter1) => ({ Authorization: `Bearer ${token}` });
const GS = '\x1d';

describe('devices: simulated scanners go down the same path as the API', () => {
  let t: TestApp;
  let sse: SseClient;

  beforeAll(async () => {
    t = await startTestApp();
    sse = new SseClient(`${t.url}/api/v1/events?terminalId=counter-1`, auth());
    await sse.open();
  });

  afterAll(async () => {
    sse.close();
    await t.close();
  });

  it('lists the configured scanners with their status', async () => {
    const res = await comptoir(t.url).get('/api/v1/devices').set(auth());
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'counter-1-scanner',
          kind: 'scanner',
          driver: 'sim',
          terminalId: 'counter-1',
          status: 'connected',
        }),
        expect.objectContaining({ id: 'counter-2-scanner', terminalId: 'counter-2' }),
      ]),
    );
  });

  it('a code typed through the simulated scanner arrives as a scan event of its terminal', async () => {
    const data = `]d2010340093009135721SERIAL42${GS}17280831`;
    const res = await comptoir(t.url)
      .post('/api/v1/devices/counter-1-scanner/simulate')
      .set(auth())
      .send({ data });
    expect(res.status).toBe(202);
    const event = await sse.waitFor(
      (e) => e.event === 'scan' && (e.data as { data: { kind?: string } }).data.kind === 'pack',
    );
    expect(event.data).toMatchObject({
      terminalId: 'counter-1',
      data: {
        deviceId: 'counter-1-scanner',
        parsed: { cip13: '3400930091357', serial: 'SERIAL42', expiry: '2028-08-31' },
      },
    });
  });

  it('an unreadable code from a device is reported on the event stream, and the scanner keeps working', async () => {
    await comptoir(t.url)
      .post('/api/v1/devices/counter-1-scanner/simulate')
      .set(auth())
      .send({ data: '3400930091358' });
    const bad = await sse.waitFor(
      (e) => (e.data as { data: { error?: { code: string } } }).data.error !== undefined,
    );
    expect(bad.data).toMatchObject({
      data: { deviceId: 'counter-1-scanner', error: { code: 'EAN_CHECK_DIGIT' } },
    });
    await comptoir(t.url)
      .post('/api/v1/devices/counter-1-scanner/simulate')
      .set(auth())
      .send({ data: '202106180921110040' });
    await sse.waitFor((e) => (e.data as { data: { kind?: string } }).data.kind === 'prescription-id');
  });

  it("refuses to type on another terminal's scanner, and on an unknown device", async () => {
    const other = await comptoir(t.url)
      .post('/api/v1/devices/counter-2-scanner/simulate')
      .set(auth())
      .send({ data: '1' });
    expect([other.status, other.body.code]).toEqual([403, 'TERMINAL_MISMATCH']);
    const unknown = await comptoir(t.url)
      .post('/api/v1/devices/nope/simulate')
      .set(auth())
      .send({ data: '1' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'DEVICE_UNKNOWN']);
  });

  it('GET /health reports the database and the devices', async () => {
    const res = await comptoir(t.url).get('/health');
    expect(res.status).toBe(200);
    expect(res.body.checks).toMatchObject({
      database: { status: 'up' },
      devices: { status: 'up', total: 3, down: 0 },
    });
  });
});

describe('simulation outside sandbox mode', () => {
  it('is refused with SIMULATION_DISABLED', async () => {
    const t = await startTestApp({ overrides: { sandbox: { simulation: false } } });
    try {
      const res = await comptoir(t.url)
        .post('/api/v1/devices/counter-1-scanner/simulate')
        .set(auth())
        .send({ data: '1' });
      expect([res.status, res.body.code]).toEqual([404, 'SIMULATION_DISABLED']);
    } finally {
      await t.close();
    }
  });
});
