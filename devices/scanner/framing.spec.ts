import fc from 'fast-check';
import { finishFrame, GS, ScanFramer, type FramingOptions, type Suffix } from './framing';
import type { FramerEvent } from './types';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

/** Feeds chunks at time 0 and returns a comparable summary of what came out. */
function run(options: FramingOptions, chunks: Buffer[], now = 0): string[] {
  const framer = new ScanFramer(options);
  return chunks.flatMap((c) => framer.push(c, now)).map(summary);
}

function summary(e: FramerEvent): string {
  if (e.type === 'discarded') return `discarded:${e.report.reason}:${e.report.size}`;
  const { data, symbology, raw } = e.frame;
  return `${symbology ? `${symbology.id}|` : ''}${JSON.stringify(data)}|${raw.toString('hex')}`;
}

const dataOf = (events: FramerEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'frame' ? [e.frame.data] : [`<${e.report.reason}>`]));

describe('ScanFramer', () => {
  const cases: Array<[string, FramingOptions, string[], string[]]> = [
    ['CR: one code', { suffix: 'CR' }, ['3400949497294\r'], ['3400949497294']],
    ['CR: two codes in one chunk', { suffix: 'CR' }, ['AB\rCD\r'], ['AB', 'CD']],
    ['CR: code split over chunks', { suffix: 'CR' }, ['A', 'BC', 'D\r'], ['ABCD']],
    ['CR: empty lines ignored', { suffix: 'CR' }, ['\r\rA\r\r'], ['A']],
    ['CR: LF right after the CR ignored', { suffix: 'CR' }, ['A\r', '\nB\r\n'], ['A', 'B']],
    ['CR: LF elsewhere kept', { suffix: 'CR' }, ['A\nB\r'], ['A\nB']],
    ['LF: one code', { suffix: 'LF' }, ['AB\n'], ['AB']],
    ['LF: CR before the LF dropped', { suffix: 'LF' }, ['AB\r', '\n'], ['AB']],
    ['CRLF: split between CR and LF', { suffix: 'CRLF' }, ['AB\r', '\nCD\r\n'], ['AB', 'CD']],
    ['CRLF: lone CR is data', { suffix: 'CRLF' }, ['A\rB\r\n'], ['A\rB']],
    ['CRLF: CR CR LF', { suffix: 'CRLF' }, ['A\r\r\n'], ['A\r']],
    [
      'GS kept inside a code',
      { suffix: 'CR' },
      [`0103400949497294${GS}21ABC\r`],
      [`0103400949497294${GS}21ABC`],
    ],
    ['prefix stripped', { suffix: 'CR', prefix: '\x02' }, ['\x02ABC\r', 'DEF\r'], ['ABC', 'DEF']],
    [
      'GS restored from replacement',
      { suffix: 'CR', fnc1Replacement: '~' },
      ['10AB~21CD\r'],
      [`10AB${GS}21CD`],
    ],
  ];

  it.each(cases)('%s', (_name, options, chunks, expected) => {
    const framer = new ScanFramer(options);
    expect(dataOf(chunks.flatMap((c) => framer.push(b(c), 0)))).toEqual(expected);
  });

  it('cuts the same frames when fed one byte at a time', () => {
    const stream = b(`]d201034009494972941727123110LOT${GS}21SN\r]Q1{"S":{"V":2}}\r`);
    const whole = run({ suffix: 'CR' }, [stream]);
    const bytes = [...stream].map((x) => Buffer.from([x]));
    expect(run({ suffix: 'CR' }, bytes)).toEqual(whole);
    expect(whole).toHaveLength(2);
  });

  it('takes the AIM identifier after the prefix and keeps raw bytes without the suffix', () => {
    const [event] = new ScanFramer({ suffix: 'CR', prefix: '#' }).push(b(`#]d2010${GS}1\r`), 42);
    expect(event).toEqual({
      type: 'frame',
      frame: {
        data: `010${GS}1`,
        symbology: { id: ']d2', symbology: 'gs1-datamatrix', gs1: true },
        raw: b(`#]d2010${GS}1`),
        receivedAt: 42,
      },
    });
  });

  it('decodes UTF-8 or Latin-1 as configured', () => {
    const bytes = Buffer.from('HÉLÈNE\r', 'utf8');
    expect(dataOf(new ScanFramer({ suffix: 'CR', encoding: 'utf8' }).push(bytes, 0))).toEqual(['HÉLÈNE']);
    expect(dataOf(new ScanFramer({ suffix: 'CR', encoding: 'latin1' }).push(bytes, 0))).toEqual([
      'HÃ\x89LÃ\x88NE',
    ]);
  });

  describe('timeouts', () => {
    it('ends a code on idle when there is no suffix', () => {
      const framer = new ScanFramer({ suffix: 'none', interByteTimeoutMs: 50 });
      expect(framer.push(b('ABC'), 1000)).toEqual([]);
      expect(framer.flush(1049)).toEqual([]);
      const [event] = framer.flush(1050);
      expect(event.type === 'frame' && event.frame).toMatchObject({ data: 'ABC', receivedAt: 1000 });
      expect(framer.pending).toBe(false);
    });

    it('ends the previous code when the next chunk comes after the idle time', () => {
      const framer = new ScanFramer({ suffix: 'none', interByteTimeoutMs: 50 });
      framer.push(b('AB'), 0);
      framer.push(b('C'), 40);
      expect(dataOf(framer.push(b('XY'), 100))).toEqual(['ABC']);
      expect(dataOf(framer.flush(0, true))).toEqual(['XY']);
    });

    it('discards a partial code left without its suffix, then frames the next one cleanly', () => {
      const framer = new ScanFramer({ suffix: 'CRLF', interByteTimeoutMs: 200 });
      framer.push(b('PARTIAL\r'), 0);
      expect(framer.flush(200)).toEqual([
        { type: 'discarded', report: { reason: 'timeout', size: 8, at: 0 } },
      ]);
      expect(dataOf(framer.push(b('NEXT\r\n'), 300))).toEqual(['NEXT']);
    });

    it('drops a partial code on reset', () => {
      const framer = new ScanFramer({ suffix: 'CR' });
      framer.push(b('HALF'), 0);
      framer.reset();
      expect(dataOf(framer.push(b('WHOLE\r'), 1))).toEqual(['WHOLE']);
    });
  });

  describe('oversize', () => {
    it('drops a code longer than the maximum, reports it once and resumes at the next suffix', () => {
      const events = new ScanFramer({ suffix: 'CR', maxFrameBytes: 8 }).push(b('ABCDEFGHIJKLMNOP\rOK\r'), 5);
      expect(events).toEqual([
        { type: 'discarded', report: { reason: 'oversize', size: 9, at: 5 } },
        expect.objectContaining({ type: 'frame', frame: expect.objectContaining({ data: 'OK' }) }),
      ]);
    });

    it('keeps a code of exactly the maximum length', () => {
      expect(run({ suffix: 'CR', maxFrameBytes: 4 }, [b('ABCD\r')])).toEqual(['"ABCD"|41424344']);
    });

    it('swallows the rest of an oversize code until the line goes idle when there is no suffix', () => {
      const framer = new ScanFramer({ suffix: 'none', maxFrameBytes: 2, interByteTimeoutMs: 10 });
      expect(dataOf(framer.push(b('ABCDE'), 0))).toEqual(['<oversize>']);
      expect(framer.flush(10)).toEqual([]);
      framer.push(b('OK'), 20);
      expect(dataOf(framer.flush(30))).toEqual(['OK']);
    });
  });

  it('rejects a non-positive timeout or maximum', () => {
    expect(() => new ScanFramer({ suffix: 'none', interByteTimeoutMs: 0 })).toThrow(/positive/);
    expect(() => new ScanFramer({ suffix: 'CR', maxFrameBytes: 0 })).toThrow(/positive/);
  });

  describe('properties', () => {
    const alphabet = [0x41, 0x42, 0x5d, 0x64, 0x32, 0x1d, 0x0d, 0x0a, 0xc3, 0xa9];
    const stream = fc.array(fc.constantFrom(...alphabet), { maxLength: 200 }).map((a) => Buffer.from(a));
    const suffix = fc.constantFrom<Suffix>('CR', 'LF', 'CRLF', 'none');

    it('gives the same events for any split of the stream into chunks', () => {
      fc.assert(
        fc.property(stream, suffix, fc.array(fc.integer({ min: 1, max: 7 })), (bytes, sfx, sizes) => {
          const options = { suffix: sfx, maxFrameBytes: 16, prefix: 'B' };
          const chunks: Buffer[] = [];
          for (let at = 0, i = 0; at < bytes.length; i++) {
            const size = sizes.length ? sizes[i % sizes.length] : bytes.length;
            chunks.push(bytes.subarray(at, at + size));
            at += size;
          }
          expect(run(options, chunks)).toEqual(run(options, [bytes]));
        }),
        { numRuns: 500 },
      );
    });

    it('in CR mode, frames are the non-empty CR-separated segments', () => {
      const noLf = fc.array(fc.constantFrom(0x41, 0x42, 0x1d, 0x0d), { maxLength: 100 });
      fc.assert(
        fc.property(noLf, (a) => {
          const text = Buffer.from(a).toString('latin1');
          const framer = new ScanFramer({ suffix: 'CR', encoding: 'latin1' });
          const expected = text.split('\r').slice(0, -1).filter(Boolean);
          expect(dataOf(framer.push(Buffer.from(a), 0))).toEqual(expected);
        }),
      );
    });
  });
});

describe('finishFrame', () => {
  it('prefers the symbology the transport carried apart and leaves the data alone', () => {
    const aim = { id: ']d2', symbology: 'gs1-datamatrix' as const, gs1: true };
    expect(finishFrame(']Q1x', Buffer.alloc(0), 0, {}, aim)).toMatchObject({ data: ']Q1x', symbology: aim });
  });

  it('has no symbology when the text carries none', () => {
    expect(finishFrame('3400949497294', Buffer.alloc(0), 0, {})).not.toHaveProperty('symbology');
  });
});
