import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { ScanFramer, type FramingOptions } from './framing';
import { ScannerBase } from './scanner-base';
import { ScannerError } from './scanner-error';
import { findSerialPort } from './serial-port-list';
import type { BackoffOptions, DeviceLogger } from './types';

export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface SerialLineOptions {
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  stopBits: 1 | 1.5 | 2;
  parity: Parity;
}

// Only what the driver uses, so serialport's SerialPortMock fits in tests.
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): void;
  get(callback: (err: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (err?: Error | null) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export interface SerialScannerOptions {
  /** Device path: `/dev/ttyACM0`, or better a stable `/dev/serial/by-id/…` link. */
  path?: string;
  /** USB ids to look the port up by at each connection attempt (needs udev); used when `path` is absent. */
  usb?: { vendorId: number; productId?: number };
  /** Line speed; default 9600. CDC-ACM (USB serial emulation) scanners ignore it. */
  baudRate?: number;
  /** Default 8. */
  dataBits?: 5 | 6 | 7 | 8;
  /** Default 1. */
  stopBits?: 1 | 1.5 | 2;
  /** Default `none`. */
  parity?: Parity;
  /** How codes are cut; default: CR suffix, UTF-8, 1 s inter-byte timeout. */
  framing?: Partial<FramingOptions>;
  /** Reopening delays after the port disappears; default 200 ms doubling up to 5 s. */
  reconnect?: Partial<BackoffOptions>;
  /** Time source for `receivedAt`; default `Date.now`. */
  clock?: () => number;
  logger?: DeviceLogger;
  /**
   * How often to check that the port is still there, in ms; 0 turns it off. Default 1000. serialport misses
   * many hang-ups on Linux (reads of a hung-up tty return 0 bytes), so this is how unplugs are seen.
   */
  presenceCheckMs?: number;
  /** Builds an unopened port; default serialport's `SerialPort`. Tests pass a `SerialPortMock`. */
  openPort?: (options: SerialLineOptions) => SerialPortLike;
}

const ABSENT = /ENOENT|No such file|does not exist/i;

const closePort = (port: SerialPortLike): Promise<void> =>
  new Promise((resolve) => port.close(() => resolve()));

// Device node identity: a re-plugged scanner or a restarted pty gets a new inode even at the same path.
const nodeIdentity = (path: string): Promise<string | undefined> =>
  stat(path).then(
    (s) => `${s.dev}:${s.ino}:${s.rdev}`,
    () => undefined,
  );

// A modem-status ioctl on a hung-up tty fails with EIO (ENODEV / ENXIO once a USB device is gone).
const HUNG_UP = /Input\/output error|No such device|EIO|ENXIO|ENODEV|Bad file descriptor/i;
const hungUp = (port: SerialPortLike): Promise<boolean> =>
  new Promise((resolve) => port.get((err) => resolve(err !== null && HUNG_UP.test(err.message))));

const defaultOpenPort = (options: SerialLineOptions): SerialPortLike =>
  new SerialPort({ ...options, autoOpen: false });

// RS-232 or USB CDC-ACM; reopens the port by itself when it disappears and comes back.
export class SerialScanner extends ScannerBase {
  private readonly openPort: (options: SerialLineOptions) => SerialPortLike;
  private port?: SerialPortLike;
  private presence?: NodeJS.Timeout;

  constructor(private readonly options: SerialScannerOptions) {
    super(new ScanFramer({ suffix: 'CR', ...options.framing }), options);
    if (!options.path && !options.usb) {
      throw new ScannerError('INVALID_OPTIONS', 'SerialScanner needs a path or USB ids');
    }
    this.openPort = options.openPort ?? defaultOpenPort;
  }

  protected async connect(): Promise<boolean> {
    if (this.port) return true;
    const { usb } = this.options;
    const path = this.options.path ?? (usb && (await findSerialPort(usb, this.logger)));
    if (this.closed) return true;
    if (!path) {
      const ids = `${usb?.vendorId.toString(16)}:${usb?.productId?.toString(16) ?? '*'}`;
      this.setStatus('disconnected', new ScannerError('DEVICE_ABSENT', `no serial port with USB id ${ids}`));
      return false;
    }
    const port = this.openPort({
      path,
      baudRate: this.options.baudRate ?? 9600,
      dataBits: this.options.dataBits ?? 8,
      stopBits: this.options.stopBits ?? 1,
      parity: this.options.parity ?? 'none',
    });
    // An 'error' without a listener would throw; what matters to the driver comes through 'close'.
    port.on('error', (err) => this.logger.warn('serial port error', { path, error: err.message }));
    const identity = await nodeIdentity(path);
    try {
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      const absent = ABSENT.test(String(err));
      this.logger.debug('serial port open failed', { path, error: String(err) });
      const error = new ScannerError(absent ? 'DEVICE_ABSENT' : 'OPEN_FAILED', `cannot open ${path}`, {
        cause: err,
      });
      this.setStatus(absent ? 'disconnected' : 'error', error);
      return false;
    }
    if (this.closed) {
      await closePort(port);
      return true;
    }
    this.port = port;
    port.on('data', (chunk) => this.pump.feed(chunk));
    port.on('close', (err) => this.drop(port, path, err ?? undefined));
    this.watchPresence(port, path, identity);
    this.setStatus('connected');
    return true;
  }

  protected async release(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    clearInterval(this.presence);
    if (port?.isOpen) await closePort(port);
  }

  private watchPresence(port: SerialPortLike, path: string, opened: string | undefined): void {
    const every = this.options.presenceCheckMs ?? 1000;
    if (!every || process.platform === 'win32') return;
    const check = async (): Promise<void> => {
      const moved = opened !== undefined && (await nodeIdentity(path)) !== opened;
      if (this.port !== port || !(moved || (await hungUp(port)))) return;
      this.drop(port, path, new Error(`${path} ${moved ? 'is gone or is another device now' : 'hung up'}`));
    };
    // A check that fails cannot tell the port is gone: the next tick tries again.
    this.presence = setInterval(() => void check().catch(() => undefined), every);
  }

  private drop(port: SerialPortLike, path: string, cause?: Error): void {
    if (this.port !== port) return;
    this.port = undefined;
    clearInterval(this.presence);
    if (port.isOpen) port.close();
    this.lost(new ScannerError('DEVICE_LOST', `serial port ${path} closed`, { cause }));
  }
}
