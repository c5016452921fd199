import type { ScannerProfile } from './profile';

export const genericHidKeyboardAzerty: ScannerProfile = {
  id: 'generic-hid-keyboard-azerty',
  name: 'Generic USB keyboard-wedge scanner, French AZERTY',
  transport: 'hid-keyboard',
  framing: { suffix: 'enter' },
  layout: 'fr-azerty',
  setup:
    'USB HID keyboard interface, keyboard country French, Enter suffix; GS sent as Ctrl+] (or Alt+029 on the keypad).',
};
