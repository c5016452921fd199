import { VitaleError } from './vitale-error';

/** One BER-TLV object (ISO 7816-4 / X.690 subset: tags up to 3 bytes, definite lengths up to 0xFFFF). */
export interface Tlv {
  /** The tag bytes as a number: 0x65, 0x7F21, 0x5F37. */
  tag: number;
  constructed: boolean;
  value: Buffer;
  /** Parsed children of a constructed object. */
  children?: Tlv[];
}

const bad = (message: string): VitaleError => new VitaleError('BAD_CARD_DATA', `TLV: ${message}`);

function readTag(buf: Buffer, at: number): { tag: number; next: number } {
  let tag = buf[at];
  let next = at + 1;
  if ((tag & 0x1f) === 0x1f) {
    // Multi-byte tag: subsequent bytes carry on while bit 8 is set.
    do {
      if (next >= buf.length) throw bad(`tag cut short at byte ${at}`);
      if (next - at >= 3) throw bad(`tag longer than 3 bytes at byte ${at}`);
      tag = (tag << 8) | buf[next];
    } while (buf[next++] & 0x80);
  }
  return { tag, next };
}

function readLength(buf: Buffer, at: number): { length: number; next: number } {
  if (at >= buf.length) throw bad(`length missing at byte ${at}`);
  const first = buf[at];
  if (first < 0x80) return { length: first, next: at + 1 };
  const count = first & 0x7f;
  if (count === 0 || count > 2) throw bad(`unsupported length form 0x${first.toString(16)} at byte ${at}`);
  if (at + count >= buf.length) throw bad(`length cut short at byte ${at}`);
  return { length: count === 1 ? buf[at + 1] : buf.readUInt16BE(at + 1), next: at + 1 + count };
}

/** Parses a sequence of TLV objects, recursing into constructed ones; 00/FF padding between objects is skipped. */
export function parseTlv(buf: Buffer): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < buf.length) {
    if (buf[at] === 0x00 || buf[at] === 0xff) {
      at++;
      continue;
    }
    const constructed = (buf[at] & 0x20) !== 0;
    const { tag, next } = readTag(buf, at);
    const { length, next: valueAt } = readLength(buf, next);
    if (valueAt + length > buf.length) {
      throw bad(`tag ${tag.toString(16)} claims ${length} bytes, ${buf.length - valueAt} left`);
    }
    const value = buf.subarray(valueAt, valueAt + length);
    out.push(
      constructed ? { tag, constructed, value, children: parseTlv(value) } : { tag, constructed, value },
    );
    at = valueAt + length;
  }
  return out;
}

function tagBytes(tag: number): Buffer {
  if (tag > 0xffff) return Buffer.from([tag >> 16, (tag >> 8) & 0xff, tag & 0xff]);
  if (tag > 0xff) return Buffer.from([tag >> 8, tag & 0xff]);
  return Buffer.from([tag]);
}

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length <= 0xff) return Buffer.from([0x81, length]);
  if (length <= 0xffff) return Buffer.from([0x82, length >> 8, length & 0xff]);
  throw new RangeError(`TLV value too long: ${length}`);
}

/** Encodes one object; a list of buffers is concatenated as the (constructed) value. */
export function encodeTlv(tag: number, value: Buffer | Buffer[]): Buffer {
  const body = Array.isArray(value) ? Buffer.concat(value) : value;
  return Buffer.concat([tagBytes(tag), lengthBytes(body.length), body]);
}

export const findTlv = (list: Tlv[] | undefined, tag: number): Tlv | undefined =>
  list?.find((t) => t.tag === tag);
