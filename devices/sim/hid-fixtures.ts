import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HidMode } from '../scanner/hid/hid-scanner';
import type { LayoutId } from '../scanner/hid/keyboard-layouts';
import type { HidDeviceInfo } from '../scanner/hid/node-hid';
import { DEMO_SCANS, type DemoScan } from './demo-scans';
import { dataToHidPosReports, textToBootReports, type BootReportOptions } from './hid-report-generator';

export interface HidFixture {
  description: string;
  // `generated` ones are checked against this file; a real capture would say where it came from.
  provenance: string;
  device: HidDeviceInfo;
  mode: HidMode;
  /** Keyboard mode: the host layout the scanner was set to type for. */
  layout?: LayoutId;
  expected: Array<{ data: string; symbology?: string }>;
  /** Input reports in order, hex. */
  reports: string[];
}

export const GENERATED = 'generated: devices/sim/hid-fixtures.ts (textToBootReports / dataToHidPosReports)';
export const FIXTURE_DIR = join(__dirname, '../../test/fixtures/hid');

const KEYBOARD: HidDeviceInfo = {
  vendorId: 0x05e0,
  productId: 0x0000,
  path: 'fake:hidraw0',
  usagePage: 0x01,
  usage: 0x06,
  product: 'keyboard-wedge scanner (Zebra vendor id, product id not claimed)',
};
const HID_POS: HidDeviceInfo = {
  vendorId: 0x0c2e,
  productId: 0x0000,
  path: 'fake:hidraw1',
  usagePage: 0x8c,
  usage: 0x02,
  product: 'HID POS scanner (Honeywell vendor id, product id not claimed)',
};

function keyboard(
  scans: DemoScan[],
  layout: LayoutId,
  options: BootReportOptions,
  description: string,
): HidFixture {
  const reports = scans.flatMap((s) => textToBootReports(s.aim + s.data, layout, options));
  return {
    description,
    provenance: GENERATED,
    device: KEYBOARD,
    mode: 'hid-keyboard',
    layout,
    expected: scans.map((s) => ({ data: s.data, symbology: s.aim })),
    reports: reports.map((r) => r.toString('hex')),
  };
}

function hidPos(scans: Array<DemoScan & { vendor: string }>, description: string): HidFixture {
  const reports = scans.flatMap((s) =>
    dataToHidPosReports(Buffer.from(s.data, 'utf8'), { aim: s.aim, vendorSymbology: s.vendor }),
  );
  return {
    description,
    provenance: GENERATED,
    device: HID_POS,
    mode: 'hid-pos',
    expected: scans.map((s) => ({ data: s.data, symbology: s.aim })),
    reports: reports.map((r) => r.toString('hex')),
  };
}

export function buildHidFixtures(): Record<string, HidFixture> {
  const { gs1DataMatrix, prescriptionQr, ean13 } = DEMO_SCANS;
  return {
    'keyboard-azerty-on-qr.json': keyboard(
      [prescriptionQr, ean13],
      'fr-azerty',
      {},
      'ON QR code then an EAN-13, typed by a keyboard-wedge scanner set for a French AZERTY host',
    ),
    'keyboard-azerty-gs1-alt029.json': keyboard(
      [gs1DataMatrix],
      'fr-azerty',
      { gs: 'alt-keypad' },
      'GS1 DataMatrix on an AZERTY host, GS typed as Alt + keypad 0 2 9',
    ),
    'keyboard-qwerty-gs1-ctrl.json': keyboard(
      [gs1DataMatrix, ean13],
      'us-qwerty',
      { gs: 'ctrl-bracket' },
      'GS1 DataMatrix (GS as Ctrl+]) then an EAN-13, on a US QWERTY host',
    ),
    'hid-pos-gs1-and-qr.json': hidPos(
      [
        { ...gs1DataMatrix, vendor: 'w' },
        { ...prescriptionQr, vendor: 's' },
      ],
      'HID POS: GS1 DataMatrix in one report, then the ON QR code over continued reports',
    ),
  };
}

// Run directly to rewrite the files: node -r @swc-node/register devices/sim/hid-fixtures.ts
if (require.main === module) {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  for (const [name, fixture] of Object.entries(buildHidFixtures())) {
    writeFileSync(join(FIXTURE_DIR, name), `${JSON.stringify(fixture, null, 2)}\n`);
    process.stdout.write(`wrote test/fixtures/hid/${name}\n`);
  }
}
