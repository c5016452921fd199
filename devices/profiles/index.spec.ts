import { MockBinding } from '@serialport/binding-mock';
import { SerialPortMock } from 'serialport';
import { FakeNodeHid } from '../sim/fake-node-hid';
import { textToBootReports } from '../sim/hid-report-generator';
import { HidScanner } from '../scanner/hid/hid-scanner';
import { SerialScanner } from '../scanner/serial-scanner';
import type { ScanFrame } from '../scanner/types';
import {
  findScannerProfiles,
  getScannerProfile,
  hidScannerOptions,
  SCANNER_PROFILES,
  serialScannerOptions,
} from '.';

describe('scanner profiles', () => {
  it('have unique ids, and the ids the shipped config names exist', () => {
    const ids = SCANNER_PROFILES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(getScannerProfile('generic-serial-cr').transport).toBe('serial');
    expect(getScannerProfile('honeywell-xenon-serial').vendorId).toBe(0x0c2e);
  });

  it('name the unknown profile and the known ones', () => {
    expect(() => getScannerProfile('nope')).toThrow(
      /unknown scanner profile "nope" \(known: generic-serial-cr, /,
    );
  });

  it('are consistent with their transport', () => {
    for (const p of SCANNER_PROFILES) {
      expect([p.id, p.transport === 'serial' ? !!p.serial : p.framing.suffix !== 'CR']).toEqual([p.id, true]);
      expect([p.id, p.transport === 'hid-keyboard' ? !!p.layout : true]).toEqual([p.id, true]);
    }
  });

  it('are found by USB vendor id', () => {
    expect(findScannerProfiles(0x0c2e).map((p) => p.id)).toEqual([
      'honeywell-xenon-serial',
      'honeywell-xenon-hid-pos',
    ]);
    expect(findScannerProfiles(0x05f9, 0x1234).map((p) => p.id)).toEqual(['datalogic-gryphon-serial']);
    expect(findScannerProfiles(0xffff)).toEqual([]);
  });

  it('build driver options for every profile of their transport', () => {
    for (const p of SCANNER_PROFILES) {
      if (p.transport === 'serial') {
        expect(() => new SerialScanner(serialScannerOptions(p, { path: '/dev/ttyACM0' }))).not.toThrow();
        expect(() => hidScannerOptions(p)).toThrow(/serial profile/);
      } else {
        expect(
          () => new HidScanner(hidScannerOptions(p, { vendorId: 1, hidModule: new FakeNodeHid() })),
        ).not.toThrow();
        expect(() => serialScannerOptions(p)).toThrow(/profile/);
      }
    }
  });

  it('look a serial port up by USB ids when no path is given', () => {
    const options = serialScannerOptions(getScannerProfile('honeywell-xenon-serial'));
    expect(options).toMatchObject({ usb: { vendorId: 0x0c2e }, baudRate: 115200, framing: { suffix: 'CR' } });
    expect(serialScannerOptions(getScannerProfile('generic-serial-cr'), { path: '/x' })).not.toHaveProperty(
      'usb',
    );
  });

  it('drive a serial scanner end to end', async () => {
    MockBinding.reset();
    MockBinding.createPort('/dev/ttyACM0');
    let port: SerialPortMock | undefined;
    const scanner = new SerialScanner(
      serialScannerOptions(getScannerProfile('datalogic-gryphon-serial'), {
        path: '/dev/ttyACM0',
        openPort: (line) => (port = new SerialPortMock({ ...line, autoOpen: false })),
      }),
    );
    const frame = new Promise<ScanFrame>((resolve) => scanner.once('frame', resolve));
    scanner.once('status', () => port!.port!.emitData(']E03400949497294\r'));
    scanner.start();
    expect(await frame).toMatchObject({ data: '3400949497294', symbology: { symbology: 'ean13' } });
    await scanner.close();
  });

  it('drive a keyboard-wedge scanner end to end, layout found by itself', async () => {
    const device = { vendorId: 0x05e0, productId: 1, path: 'fake:kbd', usagePage: 1 };
    const fake = new FakeNodeHid([device]);
    const scanner = new HidScanner(
      hidScannerOptions(getScannerProfile('zebra-ds2208-keyboard'), { hidModule: fake }),
    );
    const frame = new Promise<ScanFrame>((resolve) => scanner.once('frame', resolve));
    const connected = new Promise((resolve) => scanner.once('status', resolve));
    scanner.start();
    await connected;
    await fake.send('fake:kbd', textToBootReports('3400949497294', 'fr-azerty'));
    expect(await frame).toMatchObject({ data: '3400949497294', layout: 'fr-azerty', layoutValidated: true });
    await scanner.close();
  });
});
