import { EventEmitter } from 'node:events';
import type { HidDeviceInfo, HidHandle, NodeHidModule } from '../scanner/hid/node-hid';

// No virtual HID device can exist without uhid, so HID is tested by plugging fakes and replaying reports.
export class FakeNodeHid implements NodeHidModule {
  readonly HID: new (path: string) => HidHandle;
  /** When set, opening a device throws it (e.g. EACCES on /dev/hidraw*). */
  openError?: Error;
  private readonly present = new Map<string, HidDeviceInfo>();
  private readonly handles = new Map<string, FakeHidHandle>();

  constructor(devices: HidDeviceInfo[] = []) {
    devices.forEach((d) => this.plug(d));
    const open = (handle: FakeHidHandle): void => {
      if (this.openError) throw this.openError;
      if (!this.present.has(handle.path)) throw new Error(`cannot open device with path ${handle.path}`);
      this.handles.set(handle.path, handle);
    };
    const close = (handle: FakeHidHandle): void => {
      if (this.handles.get(handle.path) === handle) this.handles.delete(handle.path);
    };
    this.HID = class extends FakeHidHandle {
      constructor(path: string) {
        super(path, close);
        open(this);
      }
    };
  }

  devices(): HidDeviceInfo[] {
    return [...this.present.values()].map((d) => ({ ...d }));
  }

  plug(device: HidDeviceInfo): void {
    if (!device.path) throw new Error('a fake HID device needs a path');
    this.present.set(device.path, device);
  }

  /** The device leaves the bus: an open handle gets node-hid's read error. */
  unplug(path: string): void {
    this.present.delete(path);
    this.handles.get(path)?.emit('error', new Error('could not read from HID device'));
  }

  isOpen(path: string): boolean {
    return this.handles.has(path);
  }

  /** The device sends input reports, `delayMs` apart (0: one after the other in the same tick). */
  async send(path: string, reports: readonly Buffer[], delayMs = 0): Promise<void> {
    for (const report of reports) {
      const handle = this.handles.get(path);
      if (!handle) throw new Error(`fake HID device ${path} is not open`);
      handle.emit('data', Buffer.from(report));
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

class FakeHidHandle extends EventEmitter implements HidHandle {
  constructor(
    readonly path: string,
    private readonly onClose: (handle: FakeHidHandle) => void,
  ) {
    super();
  }

  close(): void {
    this.onClose(this);
  }
}
