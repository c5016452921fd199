import { ScannerError } from '../scanner-error';

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  usagePage?: number;
  usage?: number;
  product?: string;
  manufacturer?: string;
  interface?: number;
}

/** An open HID device: node-hid's `HID` class, as far as the driver uses it. */
export interface HidHandle {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): void;
}

/** The node-hid module surface the driver needs; tests inject a fake with the same shape. */
export interface NodeHidModule {
  devices(): HidDeviceInfo[];
  HID: new (path: string) => HidHandle;
}

// Loaded on first use: node-hid is optional and its native part needs libusb-1.0 or hidraw.
export function loadNodeHid(): NodeHidModule {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('node-hid') as NodeHidModule;
  } catch (err) {
    throw new ScannerError(
      'HID_UNAVAILABLE',
      'node-hid could not be loaded: install the optional dependency node-hid and Debian libusb-1.0-0',
      { cause: err },
    );
  }
}
