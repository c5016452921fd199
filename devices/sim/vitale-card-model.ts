// A simulated Vitale 2 card's logic, transport-free: APDU in, APDU out. The vpcd card (TCP) and the fake
// pcsclite module (unit tests, `vitale.driver: sim`) both drive it.
import {
  buildVitale2Image,
  type CardApplication,
  type CardFile,
  type VitaleCardContent,
} from './vitale-card-image';

/** How the card misbehaves: `garbage` answers bytes with no valid status word, `wrong-sw` answers 6F00 to
 * everything, `truncated` cuts READ BINARY data in half while still saying 9000. */
export type VitaleCardMode = 'normal' | 'garbage' | 'wrong-sw' | 'truncated';

/** Options of the simulated card. */
export interface VitaleCardOptions extends VitaleCardContent {
  /** Default `VITALE2_ATR`. */
  atr?: Buffer;
  mode?: VitaleCardMode;
  /** Delay before each APDU answer (a slow card). */
  delayMs?: number;
  /** Answer SELECT with 61xx and wait for GET RESPONSE, as a T=0 card does (default true). */
  t0GetResponse?: boolean;
  /** Answer 6Cxx to a READ BINARY asking more than the file holds, instead of the shorter data (default false). */
  exactLe?: boolean;
  /** Refuse SELECT without FCI (P2=0C) with 6A86, as a card that only knows P2=00 would (default false). */
  fciOnly?: boolean;
}

/** A Carte Vitale 2 ATR, as listed in pcsc-tools' smartcard_list.txt ("Carte Vitale 2"): T=0. */
export const VITALE2_ATR = Buffer.from('3B7513000045 09EA9000'.replace(/\s/g, ''), 'hex');

const sw = (value: number, data: Buffer = Buffer.alloc(0)): Buffer =>
  Buffer.concat([data, Buffer.from([value >> 8, value & 0xff])]);

export class VitaleCardModel {
  atr: Buffer;
  mode: VitaleCardMode;
  delayMs: number;
  /** APDUs answered since creation (controls excluded). */
  apduCount = 0;
  private applications: CardApplication[];
  private app?: CardApplication;
  private file?: CardFile;
  private pending?: Buffer;

  /** `image`: serve these files instead of the image built from the options' people. */
  constructor(
    private readonly options: VitaleCardOptions,
    image?: CardApplication[],
  ) {
    this.atr = options.atr ?? VITALE2_ATR;
    this.mode = options.mode ?? 'normal';
    this.delayMs = options.delayMs ?? 0;
    this.applications = image ?? buildVitale2Image(options);
  }

  /** Puts other people on the card (same layout). */
  setContent(content: VitaleCardContent): void {
    this.applications = buildVitale2Image(content);
    this.reset();
  }

  /** Power-on or reset: nothing selected. */
  reset(): void {
    this.app = undefined;
    this.file = undefined;
    this.pending = undefined;
  }

  async transmit(apdu: Buffer): Promise<Buffer> {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    return this.respond(apdu);
  }

  respond(apdu: Buffer): Buffer {
    this.apduCount++;
    if (this.mode === 'garbage') return Buffer.from([0x3c, 0xa5, 0x00, 0x17, 0xfe, 0x42]);
    if (this.mode === 'wrong-sw') return sw(0x6f00);
    if (apdu.length < 4) return sw(0x6700);
    if (apdu[0] !== 0x00) return sw(0x6e00);
    const [, ins, p1, p2] = apdu;
    const lc = apdu.length > 5 ? apdu[4] : 0;
    const data = apdu.subarray(5, 5 + lc);
    const le = apdu.length === 5 ? apdu[4] || 256 : apdu.length > 5 + lc ? apdu[5 + lc] || 256 : 0;
    if (ins !== 0xc0) this.pending = undefined;
    switch (ins) {
      case 0xa4:
        if (p2 === 0x0c && this.options.fciOnly) return sw(0x6a86);
        return this.select(p1, data, p2 !== 0x0c);
      case 0xc0:
        return this.getResponse(le);
      case 0xb0:
        return this.readBinary(p1, p2, le);
      case 0xb2:
        return sw(this.file ? 0x6981 : 0x6986);
      default:
        return sw(0x6d00);
    }
  }

  private select(p1: number, data: Buffer, withFci: boolean): Buffer {
    let fci: Buffer;
    if (p1 === 0x04) {
      const app = this.applications.find((a) => a.aid.equals(data));
      if (!app) return sw(0x6a82);
      [this.app, this.file] = [app, undefined];
      fci = Buffer.concat([Buffer.from([0x6f, app.aid.length + 2, 0x84, app.aid.length]), app.aid]);
    } else if ((p1 === 0x00 || p1 === 0x02) && data.length === 2) {
      const file = this.app?.files.find((f) => f.fid === data.readUInt16BE(0));
      if (!file) return sw(0x6a82);
      this.file = file;
      const size = file.content.length;
      fci = Buffer.from([0x62, 0x08, 0x80, 0x02, size >> 8, size & 0xff, 0x83, 0x02, data[0], data[1]]);
    } else {
      return sw(0x6a86);
    }
    if (!withFci) return sw(0x9000);
    if (this.options.t0GetResponse === false) return sw(0x9000, fci);
    this.pending = fci;
    return sw(0x6100 | fci.length);
  }

  private getResponse(le: number): Buffer {
    const pending = this.pending;
    if (!pending) return sw(0x6985);
    if (le > pending.length) return sw(0x6c00 | pending.length);
    this.pending = le < pending.length ? pending.subarray(le) : undefined;
    const rest = this.pending?.length ?? 0;
    return sw(rest ? 0x6100 | Math.min(rest, 255) : 0x9000, pending.subarray(0, le));
  }

  private readBinary(p1: number, p2: number, le: number): Buffer {
    if (!this.file) return sw(0x6986);
    if (p1 & 0x80) return sw(0x6a81);
    const content = this.file.content;
    const offset = (p1 << 8) | p2;
    if (offset > content.length || (offset === content.length && offset > 0)) return sw(0x6b00);
    const available = content.length - offset;
    if (this.options.exactLe && le > available) return sw(0x6c00 | available);
    let chunk = content.subarray(offset, offset + Math.min(le, available));
    if (this.mode === 'truncated') chunk = chunk.subarray(0, Math.ceil(chunk.length / 2));
    return sw(0x9000, chunk);
  }
}
