import type { SymbologyId } from '../../../devices/scanner/aim';

/** One code framed by a scanner driver. */
export interface ScannerFrame {
  data: string;
  symbology?: SymbologyId;
}

export type ScannerStatus = 'connected' | 'disconnected' | 'error';

export interface ScannerHandlers {
  frame(frame: ScannerFrame): void;
  status(status: ScannerStatus, detail?: string): void;
}

/**
 * Port to one barcode scanner. Adapters wrap the framework-free drivers of devices/scanner (serial, HID)
 * or the in-process simulator; the scan stage never sees a transport.
 */
export abstract class ScannerPort {
  abstract readonly id: string;
  abstract readonly driver: 'serial' | 'hid' | 'sim';
  abstract start(handlers: ScannerHandlers): Promise<void>;
  abstract stop(): Promise<void>;
  /** Simulated scanners only: types data through the device, framing included. */
  simulate?(data: string): Promise<void>;
}
