import { ScanFramer, type FramingOptions } from '../scanner/framing';
import { ScannerBase, type ScannerBaseOptions } from '../scanner/scanner-base';
import { ScannerError } from '../scanner/scanner-error';
import { encodeScan, splitChunks, type ScanWriteOptions } from './virtual-serial-scanner';

export interface InMemoryScannerOptions extends ScannerBaseOptions {
  /** The framing the simulated scanner is read with, as a serial profile's; default CR suffix. */
  framing?: Partial<FramingOptions>;
}

// Same framer as SerialScanner but no pty: `npm start` cannot count on socat being installed.
export class InMemoryScanner extends ScannerBase {
  private readonly suffix: FramingOptions['suffix'];

  constructor(options: InMemoryScannerOptions = {}) {
    const framing = { suffix: 'CR' as const, ...options.framing };
    super(new ScanFramer(framing), options);
    this.suffix = framing.suffix;
  }

  /** Types one code, framing included; `options` default to the framer's suffix. */
  async scan(data: string, options: ScanWriteOptions = {}): Promise<void> {
    if (this.status !== 'connected')
      throw new ScannerError('SIMULATOR_FAILED', 'the in-memory scanner is not started');
    const chunks = splitChunks(encodeScan(data, { suffix: this.suffix, ...options }), options.split);
    for (const [i, chunk] of chunks.entries()) {
      this.pump.feed(chunk);
      if (options.delayMs && i < chunks.length - 1) await new Promise((r) => setTimeout(r, options.delayMs));
    }
  }

  protected async connect(): Promise<boolean> {
    if (!this.closed) this.setStatus('connected');
    return true;
  }

  protected async release(): Promise<void> {
    if (this.status === 'connected') this.setStatus('disconnected');
  }
}
