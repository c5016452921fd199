import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readTrace, scriptedCard, traceBytes } from '../sim/apdu-trace';
import {
  encodeCommand,
  exchange,
  getResponse,
  hex,
  parseResponse,
  readBinary,
  readBinaryAll,
  readRecord,
  selectByAid,
  selectByFid,
  statusError,
  tracing,
  type Transmit,
} from './apdu';
import { VitaleError } from './vitale-error';

const FIXTURES = join(__dirname, '../../test/fixtures/apdu');

const data = (p: Promise<{ data: Buffer }>): Promise<Buffer> => p.then((r) => r.data);
const OPS: Record<string, (t: Transmit, args: string[]) => Promise<Buffer>> = {
  'select-aid': (t, [aid]) => data(exchange(t, selectByAid(Buffer.from(aid, 'hex')))),
  'select-fid': (t, [fid]) => data(exchange(t, selectByFid(parseInt(fid, 16)))),
  'read-binary': (t, [offset]) => data(exchange(t, readBinary(Number(offset)))),
  'read-record': (t, [n, sfi]) => data(exchange(t, readRecord(Number(n), sfi ? Number(sfi) : undefined))),
  'get-response': (t, [le]) => data(exchange(t, getResponse(Number(le)))),
  'read-binary-all': (t) => readBinaryAll(t),
};

describe('APDU codec, replaying byte-annotated traces (test/fixtures/apdu)', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.trace'));

  it('has traces', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s', async (file) => {
    const trace = readTrace(join(FIXTURES, file));
    const transmit = scriptedCard(trace);
    const run = OPS[trace.op[0]](transmit, trace.op.slice(1));
    const [kind, ...rest] = trace.expect;
    if (kind === 'data') {
      expect(hex(await run)).toBe(hex(traceBytes(rest.join(' '))));
    } else {
      const err = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(VitaleError);
      expect((err as VitaleError).code).toBe(rest[0]);
      if (rest[1]) expect((err as VitaleError).sw).toBe(parseInt(rest[1], 16));
    }
    expect(transmit.remaining()).toBe(0);
  });
});

describe('command building', () => {
  it.each([
    ['case 1 (no data, no Le)', { cla: 0, ins: 0xa4, p1: 0, p2: 0x0c }, '00A4000C'],
    ['case 2, Le 256 sent as 00', readBinary(0x1234), '00B0123400'],
    ['case 3 (data, no Le)', { ...selectByFid(0x2f02), le: undefined }, '00A40200022F02'],
    ['case 4', selectByAid(Buffer.from('A000', 'hex')), '00A4040002A00000'],
    ['GET RESPONSE', getResponse(0x0f), '00C000000F'],
    ['READ RECORD of the current EF', readRecord(3), '00B2030400'],
  ])('%s', (_name, command, expected) => {
    expect(hex(encodeCommand(command))).toBe(expected);
  });

  it.each([
    [
      'a 256-byte data field',
      () => encodeCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: Buffer.alloc(256) }),
    ],
    ['Le 0', () => encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0 })],
    ['Le 257', () => encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 257 })],
    ['a READ BINARY offset above 7FFF', () => readBinary(0x8000)],
    ['an SFI of 31', () => readRecord(1, 31)],
    ['a P1 above FF', () => encodeCommand({ cla: 0, ins: 0xb0, p1: 0x100, p2: 0 })],
  ])('refuses %s', (_name, build) => {
    expect(build).toThrow(RangeError);
  });
});

describe('status words', () => {
  it('splits data and status word', () => {
    expect(parseResponse(Buffer.from('0102039000', 'hex'))).toEqual({
      data: Buffer.from('010203', 'hex'),
      sw: 0x9000,
    });
  });

  it.each([
    ['9000', undefined],
    ['6282', undefined],
    ['6A82', 'FILE_NOT_FOUND'],
    ['6A83', 'FILE_NOT_FOUND'],
    ['6982', 'SECURITY_NOT_SATISFIED'],
    ['6983', 'SECURITY_NOT_SATISFIED'],
    ['6985', 'CONDITIONS_NOT_SATISFIED'],
    ['6986', 'CONDITIONS_NOT_SATISFIED'],
    ['6A86', 'WRONG_PARAMETERS'],
    ['6B00', 'WRONG_PARAMETERS'],
    ['6D00', 'INS_NOT_SUPPORTED'],
    ['6E00', 'CLA_NOT_SUPPORTED'],
    ['6581', 'CARD_ERROR'],
    ['9F10', 'CARD_ERROR'],
  ])('SW %s → %s', (sw, code) => {
    const err = statusError(parseInt(sw, 16), 'TEST');
    expect(err?.code).toBe(code);
    if (err) expect(err.retryable).toBe(false);
  });

  it('bounds the GET RESPONSE loop', async () => {
    const card: Transmit = async () => Buffer.from('01026101', 'hex');
    await expect(exchange(card, selectByFid(0x2001), { maxGetResponse: 3 })).rejects.toMatchObject({
      code: 'MALFORMED_RESPONSE',
    });
  });
});

describe('readBinaryAll', () => {
  const fileOf =
    (content: Buffer): Transmit =>
    async (command) => {
      const offset = command.readUInt16BE(2);
      if (offset >= content.length) return Buffer.from('6B00', 'hex');
      return Buffer.concat([content.subarray(offset, offset + 256), Buffer.from('9000', 'hex')]);
    };

  it('refuses a file longer than maxBytes', async () => {
    await expect(readBinaryAll(fileOf(Buffer.alloc(2000)), { maxBytes: 1024 })).rejects.toMatchObject({
      code: 'BAD_CARD_DATA',
    });
  });

  it('stops after the first chunk when continueIf says so', async () => {
    const seen: string[] = [];
    const transmit = tracing(fileOf(Buffer.alloc(700, 0x7f)), (dir, b) => dir === '>' && seen.push(b));
    const content = await readBinaryAll(transmit, { continueIf: (first) => first[0] === 0x65 });
    expect(content.length).toBe(256);
    expect(seen).toEqual(['00B0000000']);
  });
});
