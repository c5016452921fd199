import { textToBootReports } from '../../sim/hid-report-generator';
import type { FramerEvent } from '../types';
import { KeyboardFramer, type KeyboardFramingOptions, type KeyboardScanFrame } from './keyboard-framer';
import type { LayoutId } from './keyboard-layouts';

const QR = '{"S":{"V":2},"D":{"ID":"202106180921110040"}}';
const GS1 = '0103400949497294172712311' + '0LOT4521A\x1d21SN8F3K2Q9X1';

function feed(framer: KeyboardFramer, reports: Buffer[], now = 0): FramerEvent[] {
  return reports.flatMap((r) => framer.push(r, now));
}

const frames = (events: FramerEvent[]): KeyboardScanFrame[] =>
  events.flatMap((e) => (e.type === 'frame' ? [e.frame as KeyboardScanFrame] : []));

const typed = (text: string, layout: LayoutId, enter = true): Buffer[] =>
  textToBootReports(text, layout, { enter });

describe('KeyboardFramer', () => {
  it('frames each Enter-terminated code under the configured layout', () => {
    const framer = new KeyboardFramer({ layout: 'fr-azerty' });
    const out = frames(feed(framer, [...typed(QR, 'fr-azerty'), ...typed('3400949497294', 'fr-azerty')]));
    expect(out.map((f) => [f.data, f.layout, f.layoutValidated])).toEqual([
      [QR, 'fr-azerty', undefined],
      ['3400949497294', 'fr-azerty', undefined],
    ]);
  });

  it('keeps the reports of the code, Enter included, as raw', () => {
    const reports = typed('12', 'us-qwerty');
    const [frame] = frames(feed(new KeyboardFramer({ layout: 'us-qwerty' }), reports));
    expect(frame.raw).toEqual(Buffer.concat(reports.slice(0, 5)));
  });

  it('detects the layout per code and tries the last good one first', () => {
    const seen: string[] = [];
    const validate = (data: string): boolean => {
      seen.push(data);
      return data === '3400949497294' || data.startsWith('{');
    };
    const framer = new KeyboardFramer({ layouts: ['us-qwerty', 'fr-azerty'], validate });
    const first = frames(feed(framer, typed(QR, 'fr-azerty')));
    expect(first.map((f) => [f.layout, f.layoutValidated])).toEqual([['fr-azerty', true]]);
    seen.length = 0;
    const second = frames(feed(framer, typed('3400949497294', 'fr-azerty')));
    expect(second.map((f) => [f.data, f.layout])).toEqual([['3400949497294', 'fr-azerty']]);
    expect(seen).toEqual(['3400949497294']);
  });

  it('takes the AIM identifier, the prefix and the GS replacement like the serial framer', () => {
    const framer = new KeyboardFramer({ layout: 'fr-azerty', prefix: '#', fnc1Replacement: '|' });
    const [frame] = frames(feed(framer, typed(`#]d2${GS1.replace('\x1d', '|')}`, 'fr-azerty')));
    expect(frame).toMatchObject({ data: GS1, symbology: { id: ']d2', symbology: 'gs1-datamatrix' } });
  });

  it('keeps a GS typed as Ctrl+] or as Alt+029', () => {
    for (const gs of ['ctrl-bracket', 'alt-keypad'] as const) {
      const framer = new KeyboardFramer({ layout: 'fr-azerty' });
      const reports = textToBootReports(GS1, 'fr-azerty', { gs });
      expect(frames(feed(framer, reports)).map((f) => f.data)).toEqual([GS1]);
    }
  });

  it('ends a code on idle when the scanner sends no Enter', () => {
    const framer = new KeyboardFramer({ layout: 'us-qwerty', suffix: 'none', interKeyTimeoutMs: 50 });
    expect(feed(framer, typed('3400949497294', 'us-qwerty', false), 10)).toEqual([]);
    expect(framer.flush(59)).toEqual([]);
    expect(frames(framer.flush(60)).map((f) => [f.data, f.receivedAt])).toEqual([['3400949497294', 10]]);
  });

  it('discards a code left without its Enter', () => {
    const framer = new KeyboardFramer({ layout: 'us-qwerty', interKeyTimeoutMs: 50 });
    feed(framer, typed('340094', 'us-qwerty', false), 0);
    expect(feed(framer, typed('3400949497294', 'us-qwerty'), 100)).toEqual([
      { type: 'discarded', report: { reason: 'timeout', size: 6, at: 0 } },
      expect.objectContaining({ type: 'frame' }),
    ]);
  });

  it('drops an oversize code and resumes after its Enter', () => {
    const framer = new KeyboardFramer({ layout: 'us-qwerty', maxKeys: 4 } satisfies KeyboardFramingOptions);
    const events = feed(framer, [...typed('ABCDEFG', 'us-qwerty'), ...typed('OK', 'us-qwerty')]);
    expect(events.map((e) => (e.type === 'frame' ? e.frame.data : e.report.reason))).toEqual([
      'oversize',
      'OK',
    ]);
  });

  it('drops a partial code on reset', () => {
    const framer = new KeyboardFramer({ layout: 'us-qwerty' });
    feed(framer, typed('HALF', 'us-qwerty', false));
    framer.reset();
    expect(frames(feed(framer, typed('WHOLE', 'us-qwerty'))).map((f) => f.data)).toEqual(['WHOLE']);
  });
});
