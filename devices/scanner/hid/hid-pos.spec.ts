import { dataToHidPosReports } from '../../sim/hid-report-generator';
import type { FramerEvent } from '../types';
import { decodeHidPosReport, HID_POS_LAYOUT, HidPosFramer } from './hid-pos';

const GS1 = '0103400949497294172712311' + '0LOT4521A\x1d21SN8F3K2Q9X1';
const LONG = `${GS1}\x1d91${'X'.repeat(60)}`;

const summary = (events: FramerEvent[]) =>
  events.map((e) =>
    e.type === 'frame' ? [e.frame.symbology?.id, e.frame.data] : [e.report.reason, e.report.size],
  );

describe('decodeHidPosReport', () => {
  it('reads the fields of a scanned-data report', () => {
    const report = Buffer.alloc(64);
    report.set([0x02, 3, 0x5d, 0x51, 0x31, 0x41, 0x42, 0x43]);
    report[61] = 0x73;
    report[63] = 0x01;
    expect(decodeHidPosReport(report)).toEqual({
      kind: 'scan',
      symbologyId: ']Q1',
      data: Buffer.from('ABC'),
      continued: true,
      vendorSymbology: 0x73,
    });
  });

  it.each([
    ['another report id', Buffer.from([0x04, 1, 2]), { kind: 'other' }],
    ['a short report', Buffer.from([0x02, 1, 0x41]), { kind: 'malformed', reason: 'short report (3)' }],
    [
      'a length over capacity',
      Buffer.concat([Buffer.from([0x02, 57]), Buffer.alloc(62)]),
      { kind: 'malformed', reason: 'data length 57 over capacity' },
    ],
  ])('tells %s apart', (_name, report, expected) => {
    expect(decodeHidPosReport(report)).toEqual(expected);
  });

  it('reads a custom layout', () => {
    const layout = { ...HID_POS_LAYOUT, reportId: 0x01, vendorSymbologyOffset: undefined };
    const report = Buffer.alloc(64);
    report.set([0x01, 1, 0, 0, 0, 0x39]);
    expect(decodeHidPosReport(report, layout)).toEqual({
      kind: 'scan',
      symbologyId: '',
      data: Buffer.from('9'),
      continued: false,
    });
  });
});

describe('HidPosFramer', () => {
  it('takes the AIM id from the symbology bytes and keeps GS', () => {
    const reports = dataToHidPosReports(Buffer.from(GS1), { aim: ']d2' });
    expect(summary(reports.flatMap((r) => new HidPosFramer().push(r, 0)))).toEqual([[']d2', GS1]]);
  });

  it('joins continued reports into one code, with every report as raw', () => {
    const reports = dataToHidPosReports(Buffer.from(LONG), { aim: ']d2' });
    expect(reports).toHaveLength(2);
    const framer = new HidPosFramer();
    expect(framer.push(reports[0], 0)).toEqual([]);
    const [event] = framer.push(reports[1], 5);
    expect(event.type === 'frame' && event.frame).toMatchObject({ data: LONG, raw: Buffer.concat(reports) });
  });

  it('ignores reports that are not scanned data, and reports malformed ones', () => {
    const framer = new HidPosFramer();
    expect(framer.push(Buffer.from([0x04, 0, 0]), 0)).toEqual([]);
    expect(summary(framer.push(Buffer.from([0x02, 0]), 0))).toEqual([['malformed', 2]]);
  });

  it('drops a code whose continuation never comes', () => {
    const framer = new HidPosFramer({ continuationTimeoutMs: 100 });
    const [first, second] = dataToHidPosReports(Buffer.from(LONG));
    framer.push(first, 0);
    expect(framer.flush(99)).toEqual([]);
    expect(summary(framer.flush(100))).toEqual([['timeout', 56]]);
    expect(summary(framer.push(second, 150))).toEqual([[undefined, LONG.slice(56)]]);
  });

  it('drops an oversize code and resumes with the next one', () => {
    const framer = new HidPosFramer({ maxFrameBytes: 60 });
    const reports = [...dataToHidPosReports(Buffer.from(LONG)), ...dataToHidPosReports(Buffer.from('OK'))];
    expect(summary(reports.flatMap((r) => framer.push(r, 0)))).toEqual([
      ['oversize', Buffer.byteLength(LONG)],
      [undefined, 'OK'],
    ]);
  });
});
