import { getScannerProfile, hidScannerOptions, serialScannerOptions } from '../../../../devices/profiles';
import type { FramingOptions } from '../../../../devices/scanner/framing';
import { HidScanner } from '../../../../devices/scanner/hid/hid-scanner';
import { SerialScanner } from '../../../../devices/scanner/serial-scanner';
import type { ScannerConfig } from '../../../core/config/config.schema';
import { ScannerFactory, ScannerPort, type ScannerFactoryOptions } from '../scanner.port';
import { DriverScannerAdapter } from './driver-scanner.adapter';
import { SimScannerAdapter } from './sim-scanner.adapter';

/** The driver a scanner's config names (`serial`, `hid`, `sim`), set up from its device profile. */
export class DriverScannerFactory extends ScannerFactory {
  create(config: ScannerConfig, options: ScannerFactoryOptions): ScannerPort {
    return createScanner(config, options);
  }
}

function createScanner(config: ScannerConfig, options: ScannerFactoryOptions): ScannerPort {
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
