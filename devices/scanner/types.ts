import type { EventEmitter } from 'node:events';
import type { SymbologyId } from './aim';

/** One scanned code, as the drivers emit it. */
export interface ScanFrame {
  /** The code's content: prefix, AIM identifier and suffix removed; GS (0x1D) kept where the code has it. */
  data: string;
  /** The AIM symbology identifier, when the scanner sent one. */
  symbology?: SymbologyId;
  /** The bytes this frame came from (serial: without the suffix; HID: the reports). May hold patient data. */
  raw: Buffer;
  /** Clock time of the frame's last byte or report. */
  receivedAt: number;
}

/** Why bytes were thrown away instead of becoming a frame. */
export type DiscardReason = 'oversize' | 'timeout' | 'malformed';

export interface DiscardReport {
  reason: DiscardReason;
  /** How many bytes (or keystrokes, in keyboard mode) were dropped when the report was made. */
  size: number;
  at: number;
}

export type FramerEvent = { type: 'frame'; frame: ScanFrame } | { type: 'discarded'; report: DiscardReport };

/** A pure byte (or report) stream → frames state machine; the drivers own the clock and the timer. */
export interface Framer {
  push(chunk: Buffer, now: number): FramerEvent[];
  /** Ends a pending frame if the line has been idle for the timeout (or at once with `force`). */
  flush(now: number, force?: boolean): FramerEvent[];
  /** Idle time after which a pending frame is ended; undefined when the framer never times out. */
  readonly idleTimeoutMs: number | undefined;
  readonly pending: boolean;
  /** Drops any partial frame (the device went away). */
  reset(): void;
}

export type ScannerStatus = 'connected' | 'disconnected' | 'error';

export interface ScannerEvents {
  frame: [frame: ScanFrame];
  status: [status: ScannerStatus, error?: Error];
  discarded: [report: DiscardReport];
}

/** What every scanner driver offers, whatever its transport. */
export interface ScannerDriver extends EventEmitter<ScannerEvents> {
  readonly status: ScannerStatus;
  /** Starts connecting; connection problems come as `status` events, never as a rejection. */
  start(): void;
  /** Stops reading and retrying; leaves no timer or handle behind. */
  close(): Promise<void>;
}

/** Optional logger; pino, Nest's Logger or console fit with a thin adapter. */
export interface DeviceLogger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

const noop = (): void => undefined;
export const SILENT_LOGGER: DeviceLogger = { debug: noop, info: noop, warn: noop, error: noop };

/** Reconnection delays: initial, multiplied by `factor` after each failed attempt, capped at `maxDelayMs`. */
/** Reconnection delays: the one retry policy (devices/retry.ts). */
export type { BackoffPolicy as BackoffOptions } from '../retry';
