import type { ScannerProfile } from './profile';

// Honeywell (formerly Metrologic) USB vendor id. Honeywell gives each interface mode (keyboard, USB serial,
// HID POS) and model its own product id; none could be checked against a Honeywell document, so it is left
// out and the profile matches on the vendor id and the transport.
const HONEYWELL = 0x0c2e;
const NAME = 'Honeywell Xenon 1950g / 1952g';

export const honeywellXenonSerial: ScannerProfile = {
  id: 'honeywell-xenon-serial',
  name: `${NAME}, USB serial (CDC-ACM)`,
  transport: 'serial',
  vendorId: HONEYWELL,
  framing: { suffix: 'CR', encoding: 'utf8' },
  // Ignored by CDC-ACM; the values of the RS-232 cable variant.
  serial: { baudRate: 115200, dataBits: 8, stopBits: 1, parity: 'none' },
  setup: 'Scan "USB Serial Emulation" (CDC-ACM driver), "Add CR Suffix" and "Transmit AIM ID" prefix.',
};

export const honeywellXenonHidPos: ScannerProfile = {
  id: 'honeywell-xenon-hid-pos',
  name: `${NAME}, USB HID POS`,
  transport: 'hid-pos',
  vendorId: HONEYWELL,
  framing: { suffix: 'none', encoding: 'utf8' },
  setup: 'Scan "USB HID POS" (HID bar code scanner) interface; no suffix needed.',
};
