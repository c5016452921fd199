import type { ScannerProfile } from './profile';

export const zebraDs2208Keyboard: ScannerProfile = {
  id: 'zebra-ds2208-keyboard',
  name: 'Zebra DS2208, USB HID keyboard',
  transport: 'hid-keyboard',
  // Zebra / Symbol Technologies USB vendor id. The product id depends on the host mode; none claimed.
  vendorId: 0x05e0,
  framing: { suffix: 'enter' },
  // Shipped for US keyboards and often reset to French at the counter: read per code, keep what validates.
  layout: 'auto',
  setup: 'Host "USB Keyboard HID", Enter suffix, keyboard country as the counter PC; AIM identifier advised.',
};
