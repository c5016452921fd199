import { finishFrame, type FrameFinishOptions } from '../framing';
import { ScannerError } from '../scanner-error';
import type { Framer, FramerEvent, ScanFrame } from '../types';
import { BootReportDecoder, decodeKeys, isEnter, type KeyEvent } from './boot-keyboard';
import { LAYOUT_IDS, LAYOUTS, type LayoutId } from './keyboard-layouts';
import { chooseLayout, type TextValidator } from './layout-detect';

export interface KeyboardScanFrame extends ScanFrame {
  layout: LayoutId;
  // Set by auto-detection only.
  layoutValidated?: boolean;
}

export interface KeyboardFramingOptions extends FrameFinishOptions {
  /** Host keyboard layout the scanner types for, or `auto` to pick per code with `validate`. Default `auto`. */
  layout?: LayoutId | 'auto';
  /** Layouts `auto` tries, in order; the last one that validated is tried first. Default AZERTY, then QWERTY. */
  layouts?: readonly LayoutId[];
  /** Accepts the data of a correctly read code; default: JSON, EAN-13/EAN-8, or GS1 with AI 01. */
  validate?: TextValidator;
  /** `enter` (default): a code ends with Enter. `none`: it ends when no key came for `interKeyTimeoutMs`. */
  suffix?: 'enter' | 'none';
  /** Idle time that ends (`none`) or discards (`enter`) a code; default 100 ms / 1000 ms. */
  interKeyTimeoutMs?: number;
  /** Longest code kept, in key presses; default 4096. */
  maxKeys?: number;
  /** Report id in front of each 8-byte report, when the device numbers its reports. */
  reportId?: number;
}

// A code is read under a layout only once complete: auto-detection needs all its keys.
export class KeyboardFramer implements Framer {
  readonly idleTimeoutMs: number;
  private readonly decoder: BootReportDecoder;
  private readonly maxKeys: number;
  private keys: KeyEvent[] = [];
  private reports: Buffer[] = [];
  private discarding = false;
  private lastAt = 0;
  private preferred?: LayoutId;

  constructor(private readonly options: KeyboardFramingOptions = {}) {
    this.idleTimeoutMs = options.interKeyTimeoutMs ?? (options.suffix === 'none' ? 100 : 1000);
    this.maxKeys = options.maxKeys ?? 4096;
    if (!(this.idleTimeoutMs > 0) || !(this.maxKeys > 0) || options.layouts?.length === 0) {
      throw new ScannerError(
        'INVALID_OPTIONS',
        'keyboard framing needs a positive timeout, maxKeys and a layout',
      );
    }
    this.decoder = new BootReportDecoder(options.reportId);
  }

  get pending(): boolean {
    return this.keys.length > 0 || this.discarding;
  }

  push(report: Buffer, now: number): FramerEvent[] {
    const out = this.flush(now);
    const events = this.decoder.push(report);
    if (events.length === 0 && !this.pending) return out;
    this.reports.push(Buffer.from(report));
    this.lastAt = now;
    for (const event of events) {
      if (this.options.suffix !== 'none' && isEnter(event)) this.end(now, out);
      else if (this.discarding) continue;
      else if (this.keys.length === this.maxKeys) {
        out.push({ type: 'discarded', report: { reason: 'oversize', size: this.keys.length + 1, at: now } });
        this.discarding = true;
        this.keys = [];
      } else this.keys.push(event);
    }
    return out;
  }

  flush(now: number, force = false): FramerEvent[] {
    if (!this.pending || (!force && now - this.lastAt < this.idleTimeoutMs)) return [];
    const out: FramerEvent[] = [];
    if (this.discarding || this.options.suffix === 'none') this.end(this.lastAt, out);
    else {
      out.push({ type: 'discarded', report: { reason: 'timeout', size: this.keys.length, at: this.lastAt } });
      this.clear();
    }
    return out;
  }

  reset(): void {
    this.decoder.reset();
    this.clear();
  }

  private clear(): void {
    this.keys = [];
    this.reports = [];
    this.discarding = false;
  }

  private end(at: number, out: FramerEvent[]): void {
    if (!this.discarding && this.keys.length > 0) out.push({ type: 'frame', frame: this.read(at) });
    this.clear();
  }

  private read(at: number): KeyboardScanFrame {
    const raw = Buffer.concat(this.reports);
    const toFrame = (text: string): ScanFrame => finishFrame(text, raw, at, this.options);
    const { layout = 'auto' } = this.options;
    if (layout !== 'auto') return { ...toFrame(decodeKeys(this.keys, LAYOUTS[layout])), layout };
    const candidates = this.options.layouts ?? LAYOUT_IDS;
    const ordered = this.preferred
      ? [this.preferred, ...candidates.filter((l) => l !== this.preferred)]
      : candidates;
    const choice = chooseLayout(this.keys, ordered, toFrame, this.options.validate);
    if (choice.validated) this.preferred = choice.layout;
    return { ...choice.frame, layout: choice.layout, layoutValidated: choice.validated };
  }
}
