import type { ScannerDriver } from '../../../../devices/scanner/types';
import { ScannerHandlers, ScannerPort } from '../scanner.port';

/** Adapts a framework-free driver of devices/scanner (serial or HID) to the scanner port. */
export class DriverScannerAdapter extends ScannerPort {
  constructor(
    readonly id: string,
    readonly driver: 'serial' | 'hid' | 'sim',
    private readonly device: ScannerDriver,
  ) {
    super();
  }

  async start(handlers: ScannerHandlers): Promise<void> {
    this.device.on('frame', (f) => handlers.frame({ data: f.data, symbology: f.symbology }));
    this.device.on('status', (status, error) => handlers.status(status, error?.message));
    this.device.on('discarded', (r) =>
      handlers.status(this.device.status, `discarded ${r.reason} (${r.size} bytes)`),
    );
    this.device.start();
  }

  async stop(): Promise<void> {
    this.device.removeAllListeners();
    await this.device.close();
  }
}
