import { loadKeymap, type KeymapFixture, type KeyState } from '../../../test/fixtures/hid/hid-fixture';
import { decodeKeys } from './boot-keyboard';
import { LAYOUT_IDS, LAYOUTS, type LayoutId } from './keyboard-layouts';

// The oracle is test/fixtures/hid/keymaps, made from Debian's xkb-data and the USB HID Usage Tables by
// scripts/fixtures/hid-from-xkb.ts: nothing in it comes from the decoder's tables.
const MODIFIERS: Record<KeyState, number> = { plain: 0, shift: 0x02, altGr: 0x40 };
const STATES = Object.keys(MODIFIERS) as KeyState[];

const typed = (layout: LayoutId, usage: number, state: KeyState): string =>
  decodeKeys([{ type: 'press', usage, modifiers: MODIFIERS[state] }], LAYOUTS[layout]);

const xkbChar = (keymap: KeymapFixture, usage: number, state: KeyState): string | undefined =>
  keymap.keys.find((k) => Number(k.usage) === usage)?.[state];

describe.each(LAYOUT_IDS)('%s against xkb-data', (layout) => {
  const keymap = loadKeymap(layout);

  it('reads every key and modifier the way xkb types it, or not at all', () => {
    const wrong: string[] = [];
    for (let usage = 0x04; usage <= 0xff; usage++) {
      for (const state of STATES) {
        const got = typed(layout, usage, state);
        const want = xkbChar(keymap, usage, state);
        if (got !== '' && got !== want) wrong.push(`0x${usage.toString(16)} ${state}: ${got} (xkb: ${want})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reads every printable ASCII character xkb can type on the layout', () => {
    const ascii = new Set(
      keymap.keys.flatMap((k) =>
        STATES.map((s) => k[s]).filter((c): c is string => /^[\x20-\x7e]$/.test(c ?? '')),
      ),
    );
    const unread = [...ascii].filter(
      (c) =>
        !keymap.keys.some((k) => STATES.some((s) => k[s] === c && typed(layout, Number(k.usage), s) === c)),
    );
    expect(ascii.size).toBe(95);
    expect(unread).toEqual([]);
  });
});
