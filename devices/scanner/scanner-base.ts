import { EventEmitter } from 'node:events';
import { FramerPump } from './framer-pump';
import { RetryLoop } from '../retry';
import { ScannerError } from './scanner-error';
import {
  SILENT_LOGGER,
  type BackoffOptions,
  type DeviceLogger,
  type Framer,
  type FramerEvent,
  type ScannerDriver,
  type ScannerEvents,
  type ScannerStatus,
} from './types';

export interface ScannerBaseOptions {
  reconnect?: Partial<BackoffOptions>;
  clock?: () => number;
  logger?: DeviceLogger;
}

export abstract class ScannerBase extends EventEmitter<ScannerEvents> implements ScannerDriver {
  protected readonly logger: DeviceLogger;
  protected readonly pump: FramerPump;
  protected closed = false;
  private readonly loop: RetryLoop;
  private lastStatus?: ScannerStatus;
  private connecting?: Promise<boolean>;

  protected constructor(framer: Framer, options: ScannerBaseOptions) {
    super();
    this.logger = options.logger ?? SILENT_LOGGER;
    this.pump = new FramerPump(framer, options.clock ?? Date.now, (event) => this.deliver(event));
    this.loop = new RetryLoop(() => (this.connecting = this.connect()), options.reconnect);
  }

  get status(): ScannerStatus {
    return this.lastStatus ?? 'disconnected';
  }

  start(): void {
    this.loop.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.loop.stop();
    this.pump.reset();
    await this.connecting;
    await this.release();
  }

  /** One connection attempt: true when connected (or when retrying is pointless), false to retry later. */
  protected abstract connect(): Promise<boolean>;

  /** Closes the open device, if any. */
  protected abstract release(): Promise<void>;

  /** The open device went away: drop the partial code, say so, and start reconnecting. */
  protected lost(error: ScannerError): void {
    this.pump.reset();
    if (this.closed) return;
    this.setStatus('disconnected', error);
    this.loop.start();
  }

  protected setStatus(status: ScannerStatus, error?: Error): void {
    if (status === this.lastStatus) return;
    this.lastStatus = status;
    this.logger.info(
      `scanner ${status}`,
      error ? { code: (error as ScannerError).code, error: error.message } : {},
    );
    this.emit('status', status, error);
  }

  private deliver(event: FramerEvent): void {
    if (event.type === 'frame') {
      // Length and symbology only: the data may carry patient identity.
      this.logger.debug('scan framed', {
        length: event.frame.data.length,
        symbology: event.frame.symbology?.id,
      });
      this.emit('frame', event.frame);
    } else {
      this.logger.warn('scan discarded', { ...event.report });
      this.emit('discarded', event.report);
    }
  }
}
