import { splitSymbology, type SymbologyId } from './aim';
import { ScannerError } from './scanner-error';
import type { Framer, FramerEvent, ScanFrame } from './types';

export type Suffix = 'CR' | 'LF' | 'CRLF' | 'none';
export type TextEncoding = 'latin1' | 'utf8';

/** How a byte stream from a scanner is cut into codes. */
export interface FramingOptions {
  /** What ends a code. With `none`, a code ends when the line has been idle for `interByteTimeoutMs`. */
  suffix: Suffix;
  /** Stripped from the start of a code when present (e.g. an STX the scanner was programmed to send). */
  prefix?: string;
  /**
   * Idle time that ends a code (`none`) or discards a partial one (other suffixes, reported as `timeout`).
   * Defaults: 100 ms for `none`, 1000 ms otherwise.
   */
  interByteTimeoutMs?: number;
  /** `utf8` for QR codes carrying UTF-8 text; `latin1` maps every byte to one character and never fails. */
  encoding?: TextEncoding;
  /** Longest code kept, in bytes; a longer one is dropped and reported as `oversize`. Default 4096. */
  maxFrameBytes?: number;
  /** The character the scanner was programmed to send in place of GS / FNC1; turned back into 0x1D. */
  fnc1Replacement?: string;
}

export type FrameFinishOptions = Pick<FramingOptions, 'prefix' | 'fnc1Replacement'>;

export const GS = '\x1d';
const CR = 0x0d;
const LF = 0x0a;

// Shared by every transport; HID POS carries the AIM id apart from the data, hence `transportSymbology`.
export function finishFrame(
  text: string,
  raw: Buffer,
  receivedAt: number,
  options: FrameFinishOptions,
  transportSymbology?: SymbologyId,
): ScanFrame {
  let rest = options.prefix && text.startsWith(options.prefix) ? text.slice(options.prefix.length) : text;
  let symbology = transportSymbology;
  if (!symbology) ({ symbology, data: rest } = splitSymbology(rest));
  const data = options.fnc1Replacement ? rest.split(options.fnc1Replacement).join(GS) : rest;
  return symbology ? { data, symbology, raw, receivedAt } : { data, raw, receivedAt };
}

// State survives between pushes, so a suffix or AIM id split across chunks is still recognised.
export class ScanFramer implements Framer {
  readonly idleTimeoutMs: number;
  private readonly options: Required<Omit<FramingOptions, 'prefix' | 'fnc1Replacement'>> & FrameFinishOptions;
  private readonly buf: Buffer;
  private len = 0;
  private lastByteAt = 0;
  private discarding = false;
  private heldCR = false;
  private justEnded = false;

  constructor(options: FramingOptions) {
    const interByteTimeoutMs = options.interByteTimeoutMs ?? (options.suffix === 'none' ? 100 : 1000);
    const maxFrameBytes = options.maxFrameBytes ?? 4096;
    if (!(interByteTimeoutMs > 0) || !(maxFrameBytes > 0)) {
      throw new ScannerError('INVALID_OPTIONS', 'interByteTimeoutMs and maxFrameBytes must be positive');
    }
    this.options = { ...options, encoding: options.encoding ?? 'utf8', interByteTimeoutMs, maxFrameBytes };
    this.idleTimeoutMs = interByteTimeoutMs;
    this.buf = Buffer.alloc(maxFrameBytes);
  }

  get pending(): boolean {
    return this.len > 0 || this.discarding || this.heldCR;
  }

  push(chunk: Buffer, now: number): FramerEvent[] {
    const out = this.flush(now);
    if (chunk.length === 0) return out;
    for (const byte of chunk) this.take(byte, now, out);
    this.lastByteAt = now;
    return out;
  }

  flush(now: number, force = false): FramerEvent[] {
    if (!this.pending || (!force && now - this.lastByteAt < this.idleTimeoutMs)) return [];
    const out: FramerEvent[] = [];
    if (this.heldCR) this.add(CR, this.lastByteAt, out);
    this.heldCR = false;
    if (this.discarding) this.discarding = false;
    else if (this.options.suffix === 'none') this.emit(this.lastByteAt, out);
    else out.push({ type: 'discarded', report: { reason: 'timeout', size: this.len, at: this.lastByteAt } });
    this.len = 0;
    this.justEnded = false;
    return out;
  }

  reset(): void {
    this.len = 0;
    this.discarding = this.heldCR = this.justEnded = false;
  }

  private take(byte: number, now: number, out: FramerEvent[]): void {
    switch (this.options.suffix) {
      case 'CR':
        // A CRLF-sending scanner on a CR profile: the LF right after the end is not the next code's start.
        if (byte === LF && this.justEnded) this.justEnded = false;
        else if (byte === CR) this.end(now, out);
        else this.add(byte, now, out);
        return;
      case 'LF':
        if (byte !== LF) return this.add(byte, now, out);
        // Same tolerance the other way: a CR right before the LF is part of the suffix.
        if (this.len > 0 && this.buf[this.len - 1] === CR && !this.discarding) this.len--;
        return this.end(now, out);
      case 'CRLF':
        // A CR is held back until the next byte tells whether it starts the suffix.
        if (this.heldCR) {
          this.heldCR = false;
          if (byte === LF) return this.end(now, out);
          this.add(CR, now, out);
        }
        if (byte === CR) this.heldCR = true;
        else this.add(byte, now, out);
        return;
      case 'none':
        return this.add(byte, now, out);
    }
  }

  private add(byte: number, now: number, out: FramerEvent[]): void {
    this.justEnded = false;
    if (this.discarding) return;
    if (this.len === this.buf.length) {
      out.push({ type: 'discarded', report: { reason: 'oversize', size: this.len + 1, at: now } });
      this.discarding = true;
      this.len = 0;
      return;
    }
    this.buf[this.len++] = byte;
  }

  private end(now: number, out: FramerEvent[]): void {
    if (this.discarding) this.discarding = false;
    else if (this.len > 0) this.emit(now, out);
    this.len = 0;
    this.justEnded = true;
  }

  private emit(at: number, out: FramerEvent[]): void {
    const raw = Buffer.from(this.buf.subarray(0, this.len));
    const frame = finishFrame(raw.toString(this.options.encoding), raw, at, this.options);
    out.push({ type: 'frame', frame });
  }
}
