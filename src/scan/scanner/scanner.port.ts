import type { SymbologyId } from '../../../devices/scanner/aim';
import type { DeviceLogger } from '../../../devices/scanner/types';
import type { ScannerConfig } from '../../core/config/config.schema';

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

export interface ScannerFactoryOptions {
  logger: DeviceLogger;
  /** Tells a keyboard-mode scanner which layout produced a valid code. */
  validate: (text: string) => boolean;
}

/** Builds the port of one configured scanner; the module binds it to the driver adapters. */
export abstract class ScannerFactory {
  abstract create(config: ScannerConfig, options: ScannerFactoryOptions): ScannerPort;
}
