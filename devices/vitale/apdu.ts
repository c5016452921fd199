// The APDU codec (ISO 7816-4 short APDUs): command building, response parsing, and the one status-word table.
// Everything above it (profile, bridge, the LGO's own exchanges) goes through `exchange()`.
import { VitaleError, type VitaleErrorCode } from './vitale-error';

/** One command/response exchange with the card, raw bytes both ways (SCardTransmit). */
export type Transmit = (command: Buffer) => Promise<Buffer>;

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Buffer;
  /** Expected response length, 1–256 (256 is sent as 00); absent for case 1/3 commands. */
  le?: number;
}

export interface ResponseApdu {
  data: Buffer;
  /** SW1SW2, e.g. 0x9000. */
  sw: number;
}

export const INS = { SELECT: 0xa4, READ_BINARY: 0xb0, READ_RECORD: 0xb2, GET_RESPONSE: 0xc0 } as const;
const INS_NAMES: Record<number, string> = {
  0xa4: 'SELECT',
  0xb0: 'READ BINARY',
  0xb2: 'READ RECORD',
  0xc0: 'GET RESPONSE',
};

export const SW_OK = 0x9000;
/** Warning "end of file reached before Le bytes": the data that came is good. */
export const SW_EOF = 0x6282;
/** READ BINARY offset outside the EF. */
export const SW_OFFSET_OUTSIDE = 0x6b00;
/** Data bytes in one short response, and so one READ BINARY chunk. */
export const MAX_SHORT_LE = 256;

export const hex = (b: Buffer | number[]): string => Buffer.from(b).toString('hex').toUpperCase();
export const swHex = (sw: number): string => sw.toString(16).toUpperCase().padStart(4, '0');
export const commandName = (c: CommandApdu): string => INS_NAMES[c.ins] ?? `INS ${c.ins.toString(16)}`;

function byte(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`APDU ${name} out of range: ${v}`);
  return v;
}

/** Encodes a short command APDU: CLA INS P1 P2 [Lc data] [Le]. */
export function encodeCommand(c: CommandApdu): Buffer {
  const head = [byte('CLA', c.cla), byte('INS', c.ins), byte('P1', c.p1), byte('P2', c.p2)];
  const parts: Buffer[] = [Buffer.from(head)];
  if (c.data?.length) {
    if (c.data.length > 255) throw new RangeError(`APDU data too long for a short APDU: ${c.data.length}`);
    parts.push(Buffer.from([c.data.length]), c.data);
  }
  if (c.le !== undefined) {
    if (!Number.isInteger(c.le) || c.le < 1 || c.le > MAX_SHORT_LE) throw new RangeError(`APDU Le: ${c.le}`);
    parts.push(Buffer.from([c.le & 0xff]));
  }
  return Buffer.concat(parts);
}

/** SELECT by DF name (AID): 00 A4 04 00 Lc <aid> 00. */
export const selectByAid = (aid: Buffer): CommandApdu => ({
  cla: 0,
  ins: INS.SELECT,
  p1: 0x04,
  p2: 0x00,
  data: aid,
  le: 256,
});

/** SELECT an EF under the current DF by file id: 00 A4 02 00 02 <fid> 00 (as cardpeek's `.xxxx` paths). */
export const selectByFid = (fid: number): CommandApdu => ({
  cla: 0,
  ins: INS.SELECT,
  p1: 0x02,
  p2: 0x00,
  data: Buffer.from([(fid >> 8) & 0xff, fid & 0xff]),
  le: 256,
});

/** READ BINARY of the current EF: 00 B0 <offset, 15 bits> <le>. */
export function readBinary(offset: number, le = MAX_SHORT_LE): CommandApdu {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff)
    throw new RangeError(`READ BINARY offset: ${offset}`);
  return { cla: 0, ins: INS.READ_BINARY, p1: offset >> 8, p2: offset & 0xff, le };
}

/** READ RECORD <record> of the current EF, or of the EF with short id `sfi` (P2 = sfi<<3 | 4). */
export function readRecord(record: number, sfi?: number, le = MAX_SHORT_LE): CommandApdu {
  if (sfi !== undefined && (sfi < 1 || sfi > 30)) throw new RangeError(`READ RECORD SFI: ${sfi}`);
  return { cla: 0, ins: INS.READ_RECORD, p1: byte('record', record), p2: ((sfi ?? 0) << 3) | 0x04, le };
}

/** GET RESPONSE: 00 C0 00 00 <le>, after a 61xx. */
export const getResponse = (le: number): CommandApdu => ({ cla: 0, ins: INS.GET_RESPONSE, p1: 0, p2: 0, le });

/** Splits a response into data and status word; fewer than 2 bytes or an SW1 outside 6x/9x is malformed. */
export function parseResponse(raw: Buffer): ResponseApdu {
  if (raw.length < 2) {
    throw new VitaleError('MALFORMED_RESPONSE', `response of ${raw.length} byte(s), no status word`);
  }
  const sw1 = raw[raw.length - 2];
  // ISO 7816-3: 60 is a procedure byte and SW1 is only ever 61–6F or 90–9F.
  if (!((sw1 >= 0x61 && sw1 <= 0x6f) || (sw1 >= 0x90 && sw1 <= 0x9f))) {
    throw new VitaleError(
      'MALFORMED_RESPONSE',
      `invalid status word ${swHex(raw.readUInt16BE(raw.length - 2))}`,
    );
  }
  return { data: raw.subarray(0, raw.length - 2), sw: raw.readUInt16BE(raw.length - 2) };
}

type SwRule = [mask: number, value: number, code: VitaleErrorCode | null, meaning: string];

// First match wins; null = success. 61xx and 6Cxx never get here: exchange() acts on them.
const SW_TABLE: SwRule[] = [
  [0xffff, 0x9000, null, 'ok'],
  [0xffff, SW_EOF, null, 'end of file before Le bytes'],
  [0xff00, 0x6700, 'WRONG_LENGTH', 'wrong length'],
  [0xffff, 0x6982, 'SECURITY_NOT_SATISFIED', 'security status not satisfied'],
  [0xffff, 0x6983, 'SECURITY_NOT_SATISFIED', 'authentication method blocked'],
  [0xffff, 0x6984, 'SECURITY_NOT_SATISFIED', 'reference data invalidated'],
  [0xffff, 0x6985, 'CONDITIONS_NOT_SATISFIED', 'conditions of use not satisfied'],
  [0xff00, 0x6900, 'CONDITIONS_NOT_SATISFIED', 'command not allowed'],
  [0xffff, 0x6a82, 'FILE_NOT_FOUND', 'file or application not found'],
  [0xffff, 0x6a83, 'FILE_NOT_FOUND', 'record not found'],
  [0xffff, 0x6a81, 'INS_NOT_SUPPORTED', 'function not supported'],
  [0xff00, 0x6a00, 'WRONG_PARAMETERS', 'wrong parameters P1-P2'],
  [0xffff, 0x6b00, 'WRONG_PARAMETERS', 'wrong parameters (offset outside the EF)'],
  [0xffff, 0x6d00, 'INS_NOT_SUPPORTED', 'instruction not supported'],
  [0xffff, 0x6e00, 'CLA_NOT_SUPPORTED', 'class not supported'],
  [0xff00, 0x6200, 'CARD_ERROR', 'warning, state unchanged'],
  [0xff00, 0x6300, 'CARD_ERROR', 'warning, state changed'],
  [0xfe00, 0x6400, 'CARD_ERROR', 'execution error'],
  [0xffff, 0x6f00, 'CARD_ERROR', 'no precise diagnosis'],
  [0x0000, 0x0000, 'CARD_ERROR', 'unexpected status word'],
];

/** The one place that turns a status word into an error; undefined when the SW means success. */
export function statusError(sw: number, command: string): VitaleError | undefined {
  const [, , code, meaning] = SW_TABLE.find(([mask, value]) => (sw & mask) === value)!;
  if (code === null) return undefined;
  return new VitaleError(code, `${command}: ${meaning} (SW ${swHex(sw)})`, { sw });
}

export interface ExchangeOptions {
  /** Bound on 61xx → GET RESPONSE rounds for one command (default 32). */
  maxGetResponse?: number;
}

// One send; a 6Cxx ("wrong Le, xx available") is resent once with Le = xx.
async function send(transmit: Transmit, command: CommandApdu): Promise<ResponseApdu> {
  const res = parseResponse(await transmit(encodeCommand(command)));
  if (res.sw >> 8 !== 0x6c) return res;
  const again = parseResponse(await transmit(encodeCommand({ ...command, le: res.sw & 0xff || 256 })));
  if (again.sw >> 8 === 0x6c) {
    throw new VitaleError('WRONG_LENGTH', `${commandName(command)}: card asked twice for another Le`, {
      sw: again.sw,
    });
  }
  return again;
}

/** Sends a command, follows 61xx with GET RESPONSE and 6Cxx with the right Le, and checks the final status word. */
export async function exchange(
  transmit: Transmit,
  command: CommandApdu,
  options: ExchangeOptions = {},
): Promise<ResponseApdu> {
  const chunks: Buffer[] = [];
  let res = await send(transmit, command);
  for (let round = 0; res.sw >> 8 === 0x61; round++) {
    if (round >= (options.maxGetResponse ?? 32)) {
      throw new VitaleError('MALFORMED_RESPONSE', `${commandName(command)}: too many GET RESPONSE rounds`);
    }
    chunks.push(res.data);
    res = await send(transmit, getResponse(res.sw & 0xff || 256));
  }
  const error = statusError(res.sw, commandName(command));
  if (error) throw error;
  return { data: chunks.length ? Buffer.concat([...chunks, res.data]) : res.data, sw: res.sw };
}

export interface ReadBinaryOptions {
  /** Refuse files longer than this (default 16 KiB): a Vitale EF is small, an endless file is a broken card. */
  maxBytes?: number;
  /** Called with the first chunk; false stops there (the caller only wanted to look at the start). */
  continueIf?: (firstChunk: Buffer) => boolean;
}

/** Reads the whole current EF in 256-byte READ BINARY chunks, stopping at a short chunk, 6282 or 6B00. */
export async function readBinaryAll(transmit: Transmit, options: ReadBinaryOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? 16384;
  const chunks: Buffer[] = [];
  for (let offset = 0; ;) {
    let res: ResponseApdu;
    try {
      res = await exchange(transmit, readBinary(offset));
    } catch (err) {
      // A file whose size is a multiple of 256: the next offset is outside it.
      if (offset > 0 && err instanceof VitaleError && err.sw === SW_OFFSET_OUTSIDE) break;
      throw err;
    }
    chunks.push(res.data);
    offset += res.data.length;
    if (chunks.length === 1 && options.continueIf && !options.continueIf(res.data)) break;
    if (res.data.length < MAX_SHORT_LE || res.sw === SW_EOF) break;
    if (offset >= maxBytes || offset > 0x7fff) {
      throw new VitaleError(
        'BAD_CARD_DATA',
        `READ BINARY: file longer than ${Math.min(maxBytes, 0x8000)} bytes`,
      );
    }
  }
  return Buffer.concat(chunks);
}

/** Wraps a transmit to report each exchange as hex (debug traces, fixture capture). May carry patient data. */
export function tracing(transmit: Transmit, sink: (direction: '>' | '<', bytes: string) => void): Transmit {
  return async (command) => {
    sink('>', hex(command));
    const response = await transmit(command);
    sink('<', hex(response));
    return response;
  };
}
