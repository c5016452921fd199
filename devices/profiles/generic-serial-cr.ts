import type { ScannerProfile } from './profile';

export const genericSerialCr: ScannerProfile = {
  id: 'generic-serial-cr',
  name: 'Generic serial scanner, CR suffix',
  transport: 'serial',
  // UTF-8: ON QR codes carry UTF-8 text; GS1 and EAN data are ASCII either way.
  framing: { suffix: 'CR', encoding: 'utf8' },
  serial: { baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'none' },
  setup:
    'Serial or USB serial (CDC-ACM) interface, 9600 8N1 on RS-232, CR suffix; AIM identifier prefix advised.',
};
