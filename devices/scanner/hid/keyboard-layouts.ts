// HID usages name key positions, not characters: the host layout decides what a scanner "typed".
export type LayoutId = 'us-qwerty' | 'fr-azerty';

export type KeyPlanes = readonly [plain?: string, shift?: string, altGr?: string];

export interface KeyboardLayout {
  id: LayoutId;
  keys: ReadonlyMap<number, KeyPlanes>;
}

export const USAGE = {
  ENTER: 0x28,
  KEYPAD_ENTER: 0x58,
  // Scanners emitting Ctrl+] for GS press this key whatever the host layout.
  RIGHT_BRACKET: 0x30,
  KEYPAD_1: 0x59,
  KEYPAD_0: 0x62,
} as const;

export const LAYOUT_IDS: readonly LayoutId[] = ['fr-azerty', 'us-qwerty'];

// A space in `row` leaves that key to the explicit table (AZERTY puts `,` where QWERTY has `m`).
function letters(row: string): Array<[number, KeyPlanes]> {
  return [...row].flatMap((c, i) =>
    c === ' ' ? [] : [[0x04 + i, [c, c.toUpperCase()]] as [number, KeyPlanes]],
  );
}

// Keys every layout shares: space, tab and the keypad (NumLock on, as scanners assume).
const COMMON: Array<[number, KeyPlanes]> = [
  [0x2c, [' ', ' ']],
  [0x2b, ['\t']],
  [0x54, ['/']],
  [0x55, ['*']],
  [0x56, ['-']],
  [0x57, ['+']],
  [0x63, ['.']],
  ...[...'1234567890'].map((d, i): [number, KeyPlanes] => [0x59 + i, [d]]),
];

const US: Array<[number, KeyPlanes]> = [
  ...letters('abcdefghijklmnopqrstuvwxyz'),
  ...[...'1234567890'].map((d, i): [number, KeyPlanes] => [0x1e + i, [d, '!@#$%^&*()'[i]]]),
  [0x2d, ['-', '_']],
  [0x2e, ['=', '+']],
  [0x2f, ['[', '{']],
  [0x30, [']', '}']],
  [0x31, ['\\', '|']],
  [0x32, ['\\', '|']],
  [0x33, [';', ':']],
  [0x34, ["'", '"']],
  [0x35, ['`', '~']],
  [0x36, [',', '<']],
  [0x37, ['.', '>']],
  [0x38, ['/', '?']],
  // The ISO key beside left Shift: xkb's pc105 model gives it < and > under a US layout.
  [0x64, ['<', '>']],
];

// French AZERTY (Windows "Français"): digits need Shift; AltGr gives ~ # { [ | ` \ ^ @ ] } €.
const FR: Array<[number, KeyPlanes]> = [
  ...letters('qbcdefghijkl noparstuvzxyw'),
  [0x08, ['e', 'E', '€']],
  [0x10, [',', '?']],
  [0x33, ['m', 'M']],
  [0x35, ['²']],
  [0x1e, ['&', '1']],
  [0x1f, ['é', '2', '~']],
  [0x20, ['"', '3', '#']],
  [0x21, ["'", '4', '{']],
  [0x22, ['(', '5', '[']],
  [0x23, ['-', '6', '|']],
  [0x24, ['è', '7', '`']],
  [0x25, ['_', '8', '\\']],
  [0x26, ['ç', '9', '^']],
  [0x27, ['à', '0', '@']],
  [0x2d, [')', '°', ']']],
  [0x2e, ['=', '+', '}']],
  [0x2f, ['^', '¨']],
  [0x30, ['$', '£', '¤']],
  [0x34, ['ù', '%']],
  // Linux maps both usages to one key; ISO keyboards send 0x32, some scanners 0x31.
  [0x32, ['*', 'µ']],
  [0x31, ['*', 'µ']],
  [0x64, ['<', '>']],
  [0x36, [';', '.']],
  [0x37, [':', '/']],
  [0x38, ['!', '§']],
];

export const LAYOUTS: Readonly<Record<LayoutId, KeyboardLayout>> = {
  'us-qwerty': { id: 'us-qwerty', keys: new Map([...COMMON, ...US]) },
  'fr-azerty': { id: 'fr-azerty', keys: new Map([...COMMON, ...FR]) },
};

export interface KeyChord {
  usage: number;
  shift: boolean;
  altGr: boolean;
}

// First chord wins, keys in usage order and planes plain → Shift → AltGr: AZERTY `^` is AltGr+9, not the dead key.
export function reverseLayout(layout: KeyboardLayout): ReadonlyMap<string, KeyChord> {
  const chords = new Map<string, KeyChord>();
  const usages = [...layout.keys.keys()].sort((a, b) => a - b);
  for (const usage of usages) {
    const planes = layout.keys.get(usage)!;
    planes.forEach((char, plane) => {
      if (char && !chords.has(char)) chords.set(char, { usage, shift: plane === 1, altGr: plane === 2 });
    });
  }
  return chords;
}
