import fc from 'fast-check';
import { BootReportDecoder, decodeKeys, MOD } from '../scanner/hid/boot-keyboard';
import { decodeHidPosReport, HidPosFramer } from '../scanner/hid/hid-pos';
import { LAYOUT_IDS, LAYOUTS, type LayoutId } from '../scanner/hid/keyboard-layouts';
import { dataToHidPosReports, textToBootReports } from './hid-report-generator';

const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

function typeAndRead(text: string, layout: LayoutId, gs?: 'ctrl-bracket' | 'alt-keypad'): string {
  const decoder = new BootReportDecoder();
  const reports = textToBootReports(text, layout, { gs, enter: false });
  return decodeKeys(
    reports.flatMap((x) => decoder.push(x)),
    LAYOUTS[layout],
  );
}

describe('textToBootReports', () => {
  it.each(LAYOUT_IDS)('types every printable ASCII character on %s', (layout) => {
    expect(typeAndRead(PRINTABLE_ASCII, layout)).toBe(PRINTABLE_ASCII);
  });

  it('round-trips any text of printable ASCII and GS, whatever the GS method', () => {
    const char = fc.constantFrom(...PRINTABLE_ASCII, '\x1d');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 60 }).map((a) => a.join('')),
        fc.constantFrom(...LAYOUT_IDS),
        fc.constantFrom('ctrl-bracket' as const, 'alt-keypad' as const),
        (text, layout, gs) => expect(typeAndRead(text, layout, gs)).toBe(text),
      ),
    );
  });

  it('types AZERTY digits with Shift and braces with AltGr (right Alt)', () => {
    const [one, , brace] = textToBootReports('1{', 'fr-azerty', { enter: false });
    expect([...one]).toEqual([MOD.LSHIFT, 0, 0x1e, 0, 0, 0, 0, 0]);
    expect([...brace]).toEqual([MOD.RALT, 0, 0x21, 0, 0, 0, 0, 0]);
  });

  it('ends with Enter and can prefix a report id', () => {
    const reports = textToBootReports('a', 'us-qwerty', { reportId: 1 });
    expect(reports.map((x) => x.toString('hex'))).toEqual([
      '010000040000000000',
      '010000000000000000',
      '010000280000000000',
      '010000000000000000',
    ]);
  });

  it('refuses a character the layout cannot type', () => {
    expect(() => textToBootReports('ß', 'us-qwerty')).toThrow(RangeError);
  });
});

describe('dataToHidPosReports', () => {
  it('fills one 64-byte report for a short code', () => {
    const [report, ...rest] = dataToHidPosReports(Buffer.from('3400949497294'), {
      aim: ']E0',
      vendorSymbology: 'd',
    });
    expect(rest).toEqual([]);
    expect(report).toHaveLength(64);
    expect(decodeHidPosReport(report)).toEqual({
      kind: 'scan',
      symbologyId: ']E0',
      data: Buffer.from('3400949497294'),
      continued: false,
      vendorSymbology: 0x64,
    });
  });

  it('round-trips any data through the HID POS framer, however many reports it takes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const data = Buffer.from(bytes);
        const reports = dataToHidPosReports(data, { aim: ']d2' });
        expect(reports).toHaveLength(Math.max(1, Math.ceil(data.length / 56)));
        const framer = new HidPosFramer({ encoding: 'latin1' });
        const events = reports.flatMap((x) => framer.push(x, 0));
        expect(events).toEqual([
          { type: 'frame', frame: expect.objectContaining({ data: data.toString('latin1') }) },
        ]);
      }),
    );
  });
});
