import request from 'supertest';
import { VirtualSerialScanner } from '../../devices/sim/virtual-serial-scanner';
import { SseClient } from '../support/sse';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';
import { until } from '../support/until';

jest.setTimeout(30_000);

const GS = '\x1d';
const auth = { Authorization: `Bearer ${TOKENS.counter1}` };
type ScanEvent = {
  data: { kind?: string; parsed?: Record<string, unknown>; deviceId?: string; error?: { code: string } };
};

describe('the service reading a serial scanner on a real pty (socat)', () => {
  let sim: VirtualSerialScanner;
  let t: TestApp;
  let sse: SseClient;

  beforeAll(async () => {
    sim = await VirtualSerialScanner.start();
    t = await startTestApp({
      overrides: {
        terminals: [
          {
            id: 'counter-1',
            scanners: [
              { id: 'pty-scanner', driver: 'serial', profile: 'generic-serial-cr', path: sim.hostPath },
            ],
          },
        ],
      },
    });
    sse = new SseClient(`${t.url}/api/v1/events?terminalId=counter-1`, auth);
    await sse.open();
    let devices: unknown;
    await until(
      async () => {
        const res = await request(t.url).get('/api/v1/devices').set(auth);
        devices = res.body.items;
        return res.body.items?.[0]?.status === 'connected';
      },
      { what: 'the pty scanner connected', detail: () => `devices: ${JSON.stringify(devices)}` },
    );
  });

  afterAll(async () => {
    sse?.close();
    await t?.close();
    await sim?.stop();
  });

  const nextScan = (from: number) =>
    sse.waitFor((e) => e.event === 'scan' && sse.events.indexOf(e) >= from, 8000);

  it('a GS1 DataMatrix written in pieces arrives parsed as a scan event of the terminal', async () => {
    const from = sse.events.length;
    await sim.scan(`010340093009135717280831${GS}10LOT-7${GS}21SN123`, {
      symbology: ']d2',
      split: [3, 5, 1, 7],
      delayMs: 5,
    });
    const e = (await nextScan(from)).data as ScanEvent;
    expect(e.data).toMatchObject({
      kind: 'pack',
      deviceId: 'pty-scanner',
      parsed: { cip13: '3400930091357', expiry: '2028-08-31', lot: 'LOT-7', serial: 'SN123' },
    });
  });

  it('two codes in one write arrive as two scans, in order', async () => {
    const from = sse.events.length;
    await sim.write(Buffer.from('3400930091357\r202106180921110040\r'));
    await sse.waitFor((e) => e.event === 'scan' && sse.events.indexOf(e) >= from + 1, 8000);
    const kinds = sse.events.slice(from).map((e) => (e.data as ScanEvent).data.kind);
    expect(kinds.slice(0, 2)).toEqual(['product-code', 'prescription-id']);
  });

  it('keeps reading after the port vanishes and comes back', async () => {
    await sim.vanish();
    await sim.reappear();
    let from = sse.events.length;
    // The driver reopens by itself; scan until a code comes through.
    await until(
      async () => {
        from = sse.events.length;
        await sim.scan('3400930091357');
        return sse
          .waitFor((e) => e.event === 'scan' && sse.events.indexOf(e) >= from, 500)
          .then(
            () => true,
            () => false, // not reconnected yet
          );
      },
      { what: 'a scan through the reopened port', timeoutMs: 15_000, everyMs: 0 },
    );
    expect((sse.events[from].data as ScanEvent).data).toMatchObject({
      kind: 'product-code',
      deviceId: 'pty-scanner',
    });
    const devices = await request(t.url).get('/api/v1/devices').set(auth);
    expect(devices.body.items[0]).toMatchObject({ id: 'pty-scanner', driver: 'serial', status: 'connected' });
  });
});
