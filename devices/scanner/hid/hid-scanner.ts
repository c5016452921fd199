import { ScannerBase, type ScannerBaseOptions } from '../scanner-base';
import { ScannerError } from '../scanner-error';
import { HidPosFramer, type HidPosFramingOptions } from './hid-pos';
import { KeyboardFramer, type KeyboardFramingOptions } from './keyboard-framer';
import { loadNodeHid, type HidDeviceInfo, type HidHandle, type NodeHidModule } from './node-hid';

export type HidMode = 'hid-pos' | 'hid-keyboard';

export const HID_POS_USAGE_PAGE = 0x8c;
export const GENERIC_DESKTOP_USAGE_PAGE = 0x01;

export interface HidScannerOptions extends ScannerBaseOptions {
  /** `hid-pos`: HID POS scanned-data reports (usage page 0x8C); `hid-keyboard`: boot keyboard reports. */
  mode: HidMode;
  /** USB vendor id of the scanner (Honeywell 0x0c2e, Zebra 0x05e0, Datalogic 0x05f9…). */
  vendorId?: number;
  /** USB product id; any product of the vendor when absent. */
  productId?: number;
  /** Device path as node-hid lists it (`/dev/hidraw3` on Linux); takes precedence over the ids. */
  path?: string;
  /** Usage page of the interface to open; default 0x8C (hid-pos) or 0x01 Generic Desktop (keyboard). */
  usagePage?: number;
  /** Keyboard mode: layout (or `auto` with a validator), Enter or idle suffix, prefix, GS replacement. */
  keyboard?: KeyboardFramingOptions;
  /** HID POS mode: report layout, encoding, continuation timeout, prefix, GS replacement. */
  hidPos?: HidPosFramingOptions;
  /** node-hid or a stand-in with its shape (tests, replays); default: node-hid, loaded on `start()`. */
  hidModule?: NodeHidModule;
}

// node-hid has no hot-plug event: a missing or unplugged device is looked for again with backoff.
export class HidScanner extends ScannerBase {
  private hid?: NodeHidModule;
  private handle?: HidHandle;

  constructor(private readonly options: HidScannerOptions) {
    super(
      options.mode === 'hid-pos' ? new HidPosFramer(options.hidPos) : new KeyboardFramer(options.keyboard),
      options,
    );
    if (options.path === undefined && options.vendorId === undefined) {
      throw new ScannerError('INVALID_OPTIONS', 'HidScanner needs a path or a vendor id');
    }
    this.hid = options.hidModule;
  }

  protected async connect(): Promise<boolean> {
    if (this.handle || this.closed) return true;
    try {
      this.hid ??= loadNodeHid();
    } catch (err) {
      // Permanent: retrying cannot make a missing native module appear.
      this.setStatus('error', err as ScannerError);
      return true;
    }
    const device = this.find(this.hid);
    if (!device?.path) {
      this.setStatus(
        'disconnected',
        new ScannerError('DEVICE_ABSENT', `no HID device matches ${this.describe()}`),
      );
      return false;
    }
    let handle: HidHandle;
    try {
      handle = new this.hid.HID(device.path);
    } catch (err) {
      // Typically EACCES on /dev/hidraw*: a udev rule must grant the service user access.
      this.setStatus(
        'error',
        new ScannerError('OPEN_FAILED', `cannot open HID device ${device.path}`, { cause: err }),
      );
      return false;
    }
    this.handle = handle;
    handle.on('data', (report) => this.pump.feed(Buffer.from(report)));
    handle.on('error', (err) => this.unplugged(handle, device.path!, err));
    this.setStatus('connected');
    return true;
  }

  protected async release(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle) closeQuietly(handle);
  }

  private unplugged(handle: HidHandle, path: string, cause: Error): void {
    if (this.handle !== handle) return;
    this.handle = undefined;
    closeQuietly(handle);
    this.lost(new ScannerError('DEVICE_LOST', `HID device ${path} went away`, { cause }));
  }

  private find(hid: NodeHidModule): HidDeviceInfo | undefined {
    const { path, vendorId, productId, mode } = this.options;
    const usagePage =
      this.options.usagePage ?? (mode === 'hid-pos' ? HID_POS_USAGE_PAGE : GENERIC_DESKTOP_USAGE_PAGE);
    let devices: HidDeviceInfo[];
    try {
      devices = hid.devices();
    } catch (err) {
      this.logger.warn('HID enumeration failed', { error: String(err) });
      return undefined;
    }
    if (path !== undefined) return devices.find((d) => d.path === path);
    // The libusb backend does not report usage pages; accept the device then.
    return devices.find(
      (d) =>
        d.vendorId === vendorId &&
        (productId === undefined || d.productId === productId) &&
        (d.usagePage === undefined || d.usagePage === usagePage),
    );
  }

  private describe(): string {
    const { path, vendorId, productId } = this.options;
    return (
      path ?? `${vendorId?.toString(16).padStart(4, '0')}:${productId?.toString(16).padStart(4, '0') ?? '*'}`
    );
  }
}

function closeQuietly(handle: HidHandle): void {
  try {
    handle.close();
  } catch {
    // Already closed by the unplug.
  }
}
