import { USAGE, type KeyboardLayout } from './keyboard-layouts';

export const MOD = {
  LCTRL: 0x01,
  LSHIFT: 0x02,
  LALT: 0x04,
  LGUI: 0x08,
  RCTRL: 0x10,
  RSHIFT: 0x20,
  RALT: 0x40,
  RGUI: 0x80,
} as const;

const CTRL = MOD.LCTRL | MOD.RCTRL;
const SHIFT = MOD.LSHIFT | MOD.RSHIFT;
const ERROR_ROLLOVER = 0x01;

// Alt going up is an event of its own: it is what ends an Alt+keypad code.
export type KeyEvent = { type: 'press'; usage: number; modifiers: number } | { type: 'alt-up' };

// A usage counts when it appears, so a held key or a repeated report does not type twice.
export class BootReportDecoder {
  private held = new Set<number>();
  private modifiers = 0;

  constructor(private readonly reportId?: number) {}

  push(report: Buffer): KeyEvent[] {
    const body =
      this.reportId === undefined ? report : report[0] === this.reportId ? report.subarray(1) : undefined;
    if (!body || body.length < 3) return [];
    const keys = [...body.subarray(2, 8)].filter((k) => k !== 0);
    if (keys.includes(ERROR_ROLLOVER)) return [];
    const events: KeyEvent[] = [];
    const modifiers = body[0];
    if (this.modifiers & MOD.LALT && !(modifiers & MOD.LALT)) events.push({ type: 'alt-up' });
    for (const usage of keys) if (!this.held.has(usage)) events.push({ type: 'press', usage, modifiers });
    this.held = new Set(keys);
    this.modifiers = modifiers;
    return events;
  }

  reset(): void {
    this.held.clear();
    this.modifiers = 0;
  }
}

export const isEnter = (e: KeyEvent): boolean =>
  e.type === 'press' && (e.usage === USAGE.ENTER || e.usage === USAGE.KEYPAD_ENTER);

const keypadDigit = (usage: number): string | undefined =>
  usage === USAGE.KEYPAD_0
    ? '0'
    : usage >= USAGE.KEYPAD_1 && usage < USAGE.KEYPAD_0
      ? String(usage - 0x58)
      : undefined;

function control(char: string): string | undefined {
  const code = char.toUpperCase().charCodeAt(0);
  return char.length === 1 && code >= 0x40 && code <= 0x5f ? String.fromCharCode(code & 0x1f) : undefined;
}

// GS arrives as Ctrl + the US `]` key (usage 0x30, Ctrl+$ on AZERTY) or as left Alt + keypad 0 2 9.
export function decodeKeys(events: readonly KeyEvent[], layout: KeyboardLayout): string {
  let text = '';
  let altCode = '';
  for (const event of events) {
    if (event.type === 'alt-up') {
      if (altCode) text += String.fromCharCode(Number.parseInt(altCode, 10) & 0xff);
      altCode = '';
      continue;
    }
    const { usage, modifiers } = event;
    const ctrl = (modifiers & CTRL) !== 0;
    const alt = (modifiers & MOD.LALT) !== 0;
    // Windows types AltGr as Ctrl+Alt, and some scanners send it that way.
    const altGr = (modifiers & MOD.RALT) !== 0 || (ctrl && alt);
    const digit = keypadDigit(usage);
    if (alt && !ctrl && digit !== undefined) {
      altCode += digit;
      continue;
    }
    if (ctrl && !altGr && usage === USAGE.RIGHT_BRACKET) {
      text += '\x1d';
      continue;
    }
    const planes = layout.keys.get(usage);
    const char = planes?.[altGr ? 2 : (modifiers & SHIFT) !== 0 ? 1 : 0];
    if (char === undefined) continue;
    if (ctrl && !altGr) text += control(char) ?? '';
    else text += char;
  }
  return text;
}
