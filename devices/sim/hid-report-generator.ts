import { MOD } from '../scanner/hid/boot-keyboard';
import { HID_POS_LAYOUT, type HidPosLayout } from '../scanner/hid/hid-pos';
import { LAYOUTS, reverseLayout, USAGE, type KeyChord, type LayoutId } from '../scanner/hid/keyboard-layouts';

export interface BootReportOptions {
  /** How GS (0x1D) is typed: Ctrl + the US `]` key (default), or left Alt held over keypad 0 2 9. */
  gs?: 'ctrl-bracket' | 'alt-keypad';
  /** Press Enter after the text; default true. */
  enter?: boolean;
  /** Put this report id in front of each 8-byte report. */
  reportId?: number;
}

const KEYPAD_DIGIT = (d: string): number => (d === '0' ? USAGE.KEYPAD_0 : USAGE.KEYPAD_1 + Number(d) - 1);

// A press report then an all-keys-up report per character, as scanners type.
export function textToBootReports(text: string, layout: LayoutId, options: BootReportOptions = {}): Buffer[] {
  const chords = reverseLayout(LAYOUTS[layout]);
  const report = (modifiers: number, usage = 0): Buffer => {
    const body = Buffer.from([modifiers, 0, usage, 0, 0, 0, 0, 0]);
    return options.reportId === undefined ? body : Buffer.concat([Buffer.from([options.reportId]), body]);
  };
  const tap = (modifiers: number, usage: number): Buffer[] => [report(modifiers, usage), report(0)];
  const out: Buffer[] = [];
  for (const char of text) {
    if (char === '\x1d' && options.gs === 'alt-keypad') {
      out.push(report(MOD.LALT));
      for (const d of '029') out.push(report(MOD.LALT, KEYPAD_DIGIT(d)), report(MOD.LALT));
      out.push(report(0));
    } else if (char === '\x1d') {
      out.push(...tap(MOD.LCTRL, USAGE.RIGHT_BRACKET));
    } else {
      const chord: KeyChord | undefined = chords.get(char);
      if (!chord) throw new RangeError(`${JSON.stringify(char)} cannot be typed on ${layout}`);
      out.push(...tap((chord.shift ? MOD.LSHIFT : 0) | (chord.altGr ? MOD.RALT : 0), chord.usage));
    }
  }
  if (options.enter ?? true) out.push(...tap(0, USAGE.ENTER));
  return out;
}

export interface HidPosReportOptions {
  /** AIM symbology identifier for the symbology bytes, e.g. `]d2`; zeros when absent. */
  aim?: string;
  /** Vendor symbology byte (Honeywell Code ID, e.g. `w` for DataMatrix). */
  vendorSymbology?: string;
  layout?: HidPosLayout;
}

export function dataToHidPosReports(data: Buffer, options: HidPosReportOptions = {}): Buffer[] {
  const layout = options.layout ?? HID_POS_LAYOUT;
  const reports: Buffer[] = [];
  for (let at = 0; at === 0 || at < data.length; at += layout.dataCapacity) {
    const part = data.subarray(at, at + layout.dataCapacity);
    const report = Buffer.alloc(layout.continuedOffset + 1);
    report[0] = layout.reportId;
    report[layout.lengthOffset] = part.length;
    report.write(options.aim ?? '', layout.symbologyOffset, layout.symbologyLength, 'latin1');
    part.copy(report, layout.dataOffset);
    if (options.vendorSymbology && layout.vendorSymbologyOffset !== undefined) {
      report[layout.vendorSymbologyOffset] = options.vendorSymbology.charCodeAt(0);
    }
    if (at + layout.dataCapacity < data.length) report[layout.continuedOffset] = layout.continuedMask;
    reports.push(report);
  }
  return reports;
}
