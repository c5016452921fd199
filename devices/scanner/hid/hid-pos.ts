import { splitSymbology } from '../aim';
import { finishFrame, type FrameFinishOptions, type TextEncoding } from '../framing';
import { ScannerError } from '../scanner-error';
import type { Framer, FramerEvent } from '../types';

/**
 * Where the fields of a HID POS (usage page 0x8C) "scanned data" input report sit, byte offsets counted with
 * the report id at byte 0. The POS Usage Tables 1.02 name the usages (Symbology Identifier 1–3, Decoded Data,
 * Decode Data Continued) but leave their placement to each device's report descriptor; the default below is
 * the 64-byte layout Access-IS documents for its readers and open-source WebHID code reads from Honeywell's:
 * `[0]` id 0x02 · `[1]` data length · `[2..4]` AIM id (`]`, code, modifier) · `[5..60]` up to 56 data bytes ·
 * `[61]` vendor symbology id (Honeywell Code ID) · `[62]` reserved · `[63]` bit 0 = more data follows.
 */
export interface HidPosLayout {
  reportId: number;
  lengthOffset: number;
  symbologyOffset: number;
  symbologyLength: number;
  dataOffset: number;
  dataCapacity: number;
  vendorSymbologyOffset?: number;
  continuedOffset: number;
  continuedMask: number;
}

export const HID_POS_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  lengthOffset: 1,
  symbologyOffset: 2,
  symbologyLength: 3,
  dataOffset: 5,
  dataCapacity: 56,
  vendorSymbologyOffset: 61,
  continuedOffset: 63,
  continuedMask: 0x01,
};

export type HidPosReport =
  | { kind: 'scan'; symbologyId: string; data: Buffer; continued: boolean; vendorSymbology?: number }
  | { kind: 'other' }
  | { kind: 'malformed'; reason: string };

export function decodeHidPosReport(report: Buffer, layout: HidPosLayout = HID_POS_LAYOUT): HidPosReport {
  if (report[0] !== layout.reportId) return { kind: 'other' };
  if (report.length <= layout.continuedOffset)
    return { kind: 'malformed', reason: `short report (${report.length})` };
  const length = report[layout.lengthOffset];
  if (length > layout.dataCapacity)
    return { kind: 'malformed', reason: `data length ${length} over capacity` };
  const symbologyId = report
    .subarray(layout.symbologyOffset, layout.symbologyOffset + layout.symbologyLength)
    .toString('latin1')
    .replace(/\0+$/, '');
  const vendor = layout.vendorSymbologyOffset === undefined ? 0 : report[layout.vendorSymbologyOffset];
  return {
    kind: 'scan',
    symbologyId,
    data: Buffer.from(report.subarray(layout.dataOffset, layout.dataOffset + length)),
    continued: (report[layout.continuedOffset] & layout.continuedMask) !== 0,
    ...(vendor ? { vendorSymbology: vendor } : {}),
  };
}

export interface HidPosFramingOptions extends FrameFinishOptions {
  layout?: HidPosLayout;
  /** Default `utf8`. */
  encoding?: TextEncoding;
  /** Longest code kept, in data bytes; default 4096. */
  maxFrameBytes?: number;
  /** How long to wait for a continuation report before dropping the partial code; default 1000 ms. */
  continuationTimeoutMs?: number;
}

export class HidPosFramer implements Framer {
  readonly idleTimeoutMs: number;
  private readonly layout: HidPosLayout;
  private readonly maxFrameBytes: number;
  private data: Buffer[] = [];
  private reports: Buffer[] = [];
  private size = 0;
  private symbologyId = '';
  private discarding = false;
  private lastAt = 0;

  constructor(private readonly options: HidPosFramingOptions = {}) {
    this.layout = options.layout ?? HID_POS_LAYOUT;
    this.maxFrameBytes = options.maxFrameBytes ?? 4096;
    this.idleTimeoutMs = options.continuationTimeoutMs ?? 1000;
    if (!(this.idleTimeoutMs > 0) || !(this.maxFrameBytes > 0)) {
      throw new ScannerError('INVALID_OPTIONS', 'continuationTimeoutMs and maxFrameBytes must be positive');
    }
  }

  get pending(): boolean {
    return this.reports.length > 0 || this.discarding;
  }

  push(report: Buffer, now: number): FramerEvent[] {
    const out = this.flush(now);
    const decoded = decodeHidPosReport(report, this.layout);
    if (decoded.kind === 'other') return out;
    if (decoded.kind === 'malformed') {
      out.push({ type: 'discarded', report: { reason: 'malformed', size: report.length, at: now } });
      return out;
    }
    this.lastAt = now;
    if (!this.pending) this.symbologyId = decoded.symbologyId;
    if (!this.discarding) {
      this.reports.push(Buffer.from(report));
      this.data.push(decoded.data);
      this.size += decoded.data.length;
      if (this.size > this.maxFrameBytes) {
        out.push({ type: 'discarded', report: { reason: 'oversize', size: this.size, at: now } });
        this.clear();
        this.discarding = true;
      }
    }
    if (!decoded.continued) this.end(now, out);
    return out;
  }

  flush(now: number, force = false): FramerEvent[] {
    if (!this.pending || (!force && now - this.lastAt < this.idleTimeoutMs)) return [];
    const out: FramerEvent[] = [];
    if (!this.discarding) {
      out.push({ type: 'discarded', report: { reason: 'timeout', size: this.size, at: this.lastAt } });
    }
    this.clear();
    return out;
  }

  reset(): void {
    this.clear();
  }

  private clear(): void {
    this.data = [];
    this.reports = [];
    this.size = 0;
    this.discarding = false;
  }

  private end(at: number, out: FramerEvent[]): void {
    if (!this.discarding && this.reports.length > 0) {
      const text = Buffer.concat(this.data).toString(this.options.encoding ?? 'utf8');
      const { symbology } = splitSymbology(this.symbologyId);
      const frame = finishFrame(text, Buffer.concat(this.reports), at, this.options, symbology);
      out.push({ type: 'frame', frame });
    }
    this.clear();
  }
}
