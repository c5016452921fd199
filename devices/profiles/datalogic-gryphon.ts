import type { ScannerProfile } from './profile';

export const datalogicGryphonSerial: ScannerProfile = {
  id: 'datalogic-gryphon-serial',
  name: 'Datalogic Gryphon GD4500, USB-COM',
  transport: 'serial',
  // Datalogic USB vendor id. The product id depends on the interface selected; none claimed.
  vendorId: 0x05f9,
  framing: { suffix: 'CR', encoding: 'utf8' },
  serial: { baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'none' },
  setup: 'Interface "USB-COM-STD", global suffix CR (0x0D), AIM symbology identifier enabled.',
};
