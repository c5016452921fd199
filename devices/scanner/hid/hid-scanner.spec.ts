import type * as NodeHid from 'node-hid';
import { loadHidFixtures } from '../../../test/fixtures/hid/hid-fixture';
import { FakeNodeHid } from '../../sim/fake-node-hid';
import { dataToHidPosReports, textToBootReports } from '../../sim/hid-report-generator';
import type { ScanFrame, ScannerStatus } from '../types';
import { HidScanner, type HidScannerOptions } from './hid-scanner';
import type { HidDeviceInfo, NodeHidModule } from './node-hid';

// The real module must fit the shape the driver and the fake share.
const _realFits = (m: typeof NodeHid): NodeHidModule => m;

const POS: HidDeviceInfo = {
  vendorId: 0x0c2e,
  productId: 0x1234,
  path: 'fake:pos',
  usagePage: 0x8c,
  usage: 2,
};
const KBD: HidDeviceInfo = { ...POS, path: 'fake:kbd', usagePage: 0x01, usage: 6 };

function setup(fake: FakeNodeHid, options: Partial<HidScannerOptions> = {}) {
  const scanner = new HidScanner({
    mode: 'hid-pos',
    vendorId: 0x0c2e,
    hidModule: fake,
    reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
  const frames: ScanFrame[] = [];
  const statuses: ScannerStatus[] = [];
  scanner.on('frame', (f) => frames.push(f));
  scanner.on('status', (s) => statuses.push(s));
  return { scanner, frames, statuses };
}

const status = (scanner: HidScanner, wanted: ScannerStatus): Promise<Error | undefined> =>
  new Promise((resolve) => {
    const listener = (s: ScannerStatus, e?: Error): void => {
      if (s !== wanted) return;
      scanner.off('status', listener);
      resolve(e);
    };
    scanner.on('status', listener);
  });

describe('HidScanner', () => {
  let scanner: HidScanner | undefined;
  afterEach(() => scanner?.close());

  describe.each(loadHidFixtures())('replaying %s', (_name, fixture) => {
    it('emits the recorded codes, the layout found by itself in keyboard mode', async () => {
      const fake = new FakeNodeHid([fixture.device]);
      const t = setup(fake, {
        mode: fixture.mode,
        vendorId: fixture.device.vendorId,
        keyboard: { layout: 'auto' },
      });
      scanner = t.scanner;
      scanner.start();
      await status(scanner, 'connected');
      await fake.send(
        fixture.device.path!,
        fixture.reports.map((hex) => Buffer.from(hex, 'hex')),
      );
      expect(t.frames.map((f) => ({ data: f.data, symbology: f.symbology?.id }))).toEqual(fixture.expected);
      if (fixture.layout)
        expect(t.frames.map((f) => 'layout' in f && f.layout)).toEqual(
          fixture.expected.map(() => fixture.layout),
        );
    });
  });

  it('opens the interface with the HID POS usage page of a composite device', async () => {
    const fake = new FakeNodeHid([KBD, POS]);
    scanner = setup(fake).scanner;
    scanner.start();
    await status(scanner, 'connected');
    expect([fake.isOpen('fake:pos'), fake.isOpen('fake:kbd')]).toEqual([true, false]);
  });

  it('waits for an absent device and connects when it is plugged in', async () => {
    const fake = new FakeNodeHid();
    const t = setup(fake);
    scanner = t.scanner;
    scanner.start();
    expect(await status(scanner, 'disconnected')).toMatchObject({ code: 'DEVICE_ABSENT' });
    fake.plug(POS);
    await status(scanner, 'connected');
    await fake.send('fake:pos', dataToHidPosReports(Buffer.from('3400949497294'), { aim: ']E0' }));
    expect(t.frames.map((f) => [f.symbology?.symbology, f.data])).toEqual([['ean13', '3400949497294']]);
  });

  it('drops the partial code on unplug, reopens the device when it is back, and resumes', async () => {
    const fake = new FakeNodeHid([KBD]);
    const t = setup(fake, { mode: 'hid-keyboard', keyboard: { layout: 'fr-azerty' } });
    scanner = t.scanner;
    scanner.start();
    await status(scanner, 'connected');
    await fake.send('fake:kbd', textToBootReports('34009', 'fr-azerty', { enter: false }));
    const lost = status(scanner, 'disconnected');
    fake.unplug('fake:kbd');
    expect(await lost).toMatchObject({ code: 'DEVICE_LOST' });
    expect(fake.isOpen('fake:kbd')).toBe(false);
    await new Promise((r) => setTimeout(r, 30));
    fake.plug(KBD);
    await status(scanner, 'connected');
    await fake.send('fake:kbd', textToBootReports('3400949497294', 'fr-azerty'));
    expect(t.frames.map((f) => f.data)).toEqual(['3400949497294']);
    expect(t.statuses).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('reports an open failure as an error and retries', async () => {
    const fake = new FakeNodeHid([POS]);
    fake.openError = new Error('EACCES: permission denied');
    scanner = setup(fake).scanner;
    scanner.start();
    expect(await status(scanner, 'error')).toMatchObject({ code: 'OPEN_FAILED' });
    fake.openError = undefined;
    await status(scanner, 'connected');
  });

  it('closes the device and stops looking on close', async () => {
    const fake = new FakeNodeHid([POS]);
    const t = setup(fake);
    scanner = t.scanner;
    scanner.start();
    await status(scanner, 'connected');
    await scanner.close();
    expect(fake.isOpen('fake:pos')).toBe(false);
    fake.unplug('fake:pos');
    fake.plug(POS);
    await new Promise((r) => setTimeout(r, 30));
    expect(t.statuses).toEqual(['connected']);
  });

  it('reports a clean, permanent error when node-hid cannot load, and does not retry', async () => {
    jest.resetModules();
    jest.doMock('node-hid', () => {
      throw new Error('libusb-1.0.so.0: cannot open shared object file');
    });
    const { HidScanner: Isolated } = jest.requireActual<typeof import('./hid-scanner')>('./hid-scanner');
    const isolated = new Isolated({ mode: 'hid-pos', vendorId: 0x0c2e, reconnect: { initialDelayMs: 1 } });
    const statuses: Array<[ScannerStatus, Error | undefined]> = [];
    isolated.on('status', (s, e) => statuses.push([s, e]));
    isolated.start();
    await new Promise((r) => setTimeout(r, 30));
    await isolated.close();
    jest.dontMock('node-hid');
    expect(statuses).toHaveLength(1);
    expect(statuses[0][0]).toBe('error');
    expect(statuses[0][1]).toMatchObject({ code: 'HID_UNAVAILABLE', retryable: false });
    expect((statuses[0][1] as Error).message).toMatch(/libusb-1\.0-0/);
  });

  it('needs a path or a vendor id', () => {
    expect(() => new HidScanner({ mode: 'hid-pos' })).toThrow(/path or a vendor id/);
  });
});
