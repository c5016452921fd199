import { getScannerProfile, hidScannerOptions, serialScannerOptions } from '../../../../devices/profiles';
import type { FramingOptions } from '../../../../devices/scanner/framing';
import { HidScanner } from '../../../../devices/scanner/hid/hid-scanner';
import { SerialScanner } from '../../../../devices/scanner/serial-scanner';
import type { DeviceLogger } from '../../../../devices/scanner/types';
import type { ScannerConfig } from '../../../core/config/config.schema';
import { ScannerPort } from '../scanner.port';
import { DriverScannerAdapter } from './driver-scanner.adapter';
import { SimScannerAdapter } from './sim-scanner.adapter';

export interface ScannerFactoryOptions {
  logger: DeviceLogger;
  /** Tells a keyboard-mode scanner which layout produced a valid code. */
  validate: (text: string) => boolean;
}

/** The driver a scanner's config names (`serial`, `hid`, `sim`), set up from its device profile. */
export function createScanner(config: ScannerConfig, options: ScannerFactoryOptions): ScannerPort {
  const profile = getScannerProfile(config.profile);
  const fnc1Replacement = config.fnc1Replacement ?? profile.fnc1Replacement;
  switch (config.driver) {
    case 'serial': {
      const opts = serialScannerOptions(profile, { logger: options.logger });
      if (config.path) opts.path = config.path;
      if (fnc1Replacement) opts.framing = { ...opts.framing, fnc1Replacement };
      return new DriverScannerAdapter(config.id, 'serial', new SerialScanner(opts));
    }
    case 'hid': {
      const opts = hidScannerOptions(profile, {
        logger: options.logger,
        ...(config.vendorId !== undefined ? { vendorId: config.vendorId } : {}),
        ...(config.productId !== undefined ? { productId: config.productId } : {}),
      });
      if (opts.keyboard) {
        opts.keyboard = { ...opts.keyboard, validate: options.validate, fnc1Replacement };
        if (config.layout) opts.keyboard.layout = config.layout;
      }
      return new DriverScannerAdapter(config.id, 'hid', new HidScanner(opts));
    }
    case 'sim': {
      const suffix = profile.framing.suffix === 'enter' ? 'CR' : profile.framing.suffix;
      const framing: FramingOptions = { ...profile.framing, suffix, fnc1Replacement };
      return new SimScannerAdapter(config.id, framing);
    }
  }
}
