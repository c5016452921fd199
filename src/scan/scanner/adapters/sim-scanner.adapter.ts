import type { FramingOptions } from '../../../../devices/scanner/framing';
import { InMemoryScanner } from '../../../../devices/sim/in-memory-scanner';
import { DriverScannerAdapter } from './driver-scanner.adapter';

/**
 * The simulated scanner of sandbox mode: the same framer as the serial driver, fed in memory, so
 * `simulate()` goes through framing exactly as bytes from a real scanner would.
 */
export class SimScannerAdapter extends DriverScannerAdapter {
  private readonly scanner: InMemoryScanner;

  constructor(
    id: string,
    private readonly framing: FramingOptions,
  ) {
    const scanner = new InMemoryScanner({ framing });
    super(id, 'sim', scanner);
    this.scanner = scanner;
  }

  override async simulate(data: string): Promise<void> {
    // A scanner set with a FNC1 replacement sends that character where the code has GS.
    const fnc1 = this.framing.fnc1Replacement;
    await this.scanner.scan(fnc1 ? data.split('\x1d').join(fnc1) : data);
  }
}
