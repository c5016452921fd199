import { BootReportDecoder, decodeKeys, MOD, type KeyEvent } from './boot-keyboard';
import { LAYOUTS, type LayoutId } from './keyboard-layouts';

const r = (modifiers: number, ...keys: number[]): Buffer =>
  Buffer.from([modifiers, 0, ...keys, ...Array(6 - keys.length).fill(0)]);
const UP = r(0);

function read(reports: Buffer[], layout: LayoutId): string {
  const decoder = new BootReportDecoder();
  return decodeKeys(
    reports.flatMap((x) => decoder.push(x)),
    LAYOUTS[layout],
  );
}

describe('BootReportDecoder', () => {
  it('counts a key once while it is held and again after a release', () => {
    const decoder = new BootReportDecoder();
    const events = [r(0, 0x04), r(0, 0x04), UP, r(0, 0x04)].flatMap((x) => decoder.push(x));
    expect(events).toEqual([
      { type: 'press', usage: 0x04, modifiers: 0 },
      { type: 'press', usage: 0x04, modifiers: 0 },
    ]);
  });

  it('reports keys added to a report that still holds others (rollover)', () => {
    const decoder = new BootReportDecoder();
    const events = [r(0, 0x04), r(0, 0x04, 0x05), r(0, 0x05)].flatMap((x) => decoder.push(x));
    expect(events.map((e) => e.type === 'press' && e.usage)).toEqual([0x04, 0x05]);
  });

  it('ignores phantom (ErrorRollOver) reports', () => {
    expect(new BootReportDecoder().push(r(0, 1, 1, 1, 1, 1, 1))).toEqual([]);
  });

  it('strips a report id and ignores reports with another id', () => {
    const decoder = new BootReportDecoder(1);
    expect(decoder.push(Buffer.concat([Buffer.from([2]), r(0, 0x04)]))).toEqual([]);
    expect(decoder.push(Buffer.concat([Buffer.from([1]), r(0, 0x04)]))).toHaveLength(1);
  });

  it('reports the left Alt going up', () => {
    const decoder = new BootReportDecoder();
    expect([r(MOD.LALT), r(MOD.LALT, 0x62), r(0)].flatMap((x) => decoder.push(x))).toEqual([
      { type: 'press', usage: 0x62, modifiers: MOD.LALT },
      { type: 'alt-up' },
    ]);
  });
});

describe('decodeKeys', () => {
  const S = MOD.LSHIFT;
  const G = MOD.RALT;
  const cases: Array<[string, LayoutId, Buffer[], string]> = [
    ['QWERTY digits', 'us-qwerty', [r(0, 0x1e), UP, r(0, 0x27), UP], '10'],
    ['AZERTY digits need Shift', 'fr-azerty', [r(S, 0x1e), UP, r(S, 0x27), UP], '10'],
    ['AZERTY unshifted digit row', 'fr-azerty', [r(0, 0x1e), r(0, 0x1f), r(0, 0x20), r(0, 0x27)], '&é"à'],
    [
      'AZERTY letters moved',
      'fr-azerty',
      [r(0, 0x14), r(0, 0x1a), r(0, 0x04), r(0, 0x33), r(S, 0x1d)],
      'azqmW',
    ],
    ['AZERTY AltGr braces', 'fr-azerty', [r(G, 0x21), r(G, 0x2e), r(G, 0x22), r(G, 0x2d)], '{}[]'],
    [
      'AZERTY AltGr @ # \\ | ~',
      'fr-azerty',
      [r(G, 0x27), r(G, 0x20), r(G, 0x25), r(G, 0x23), r(G, 0x1f)],
      '@#\\|~',
    ],
    ['AZERTY Ctrl+Alt as AltGr', 'fr-azerty', [r(MOD.LCTRL | MOD.LALT, 0x27)], '@'],
    ['AZERTY colon and quote', 'fr-azerty', [r(0, 0x37), r(0, 0x20)], ':"'],
    ['QWERTY symbols', 'us-qwerty', [r(S, 0x2f), r(S, 0x34), r(S, 0x33), r(0, 0x30), r(S, 0x31)], '{":]|'],
    ['keypad digits', 'fr-azerty', [r(0, 0x59), r(0, 0x62), r(0, 0x63)], '10.'],
    ['GS as Ctrl+] on QWERTY', 'us-qwerty', [r(0, 0x1e), r(MOD.LCTRL, 0x30), UP, r(0, 0x1f)], '1\x1d2'],
    ['GS as Ctrl + US ] key on AZERTY', 'fr-azerty', [r(MOD.RCTRL, 0x30), UP], '\x1d'],
    [
      'GS as Alt+029 on the keypad',
      'fr-azerty',
      [r(MOD.LALT), r(MOD.LALT, 0x62), r(MOD.LALT), r(MOD.LALT, 0x5a), r(MOD.LALT), r(MOD.LALT, 0x61), UP],
      '\x1d',
    ],
    ['Ctrl+M is CR', 'us-qwerty', [r(MOD.LCTRL, 0x10)], '\r'],
    ['keys without a character are ignored', 'us-qwerty', [r(0, 0x29), r(0, 0x3a), r(0, 0x04)], 'a'],
  ];

  it.each(cases)('%s', (_name, layout, reports, expected) => {
    expect(read(reports, layout)).toBe(expected);
  });

  it('reads the same keys differently per layout', () => {
    const keys: KeyEvent[] = [{ type: 'press', usage: 0x14, modifiers: 0 }];
    expect([decodeKeys(keys, LAYOUTS['us-qwerty']), decodeKeys(keys, LAYOUTS['fr-azerty'])]).toEqual([
      'q',
      'a',
    ]);
  });
});
