import type { Logger } from '@nestjs/common';

import type { DeviceLogger } from '../../../devices/scanner/types';

/** The framework-free drivers' logger interface fed to a Nest Logger. */
export function deviceLogger(logger: Logger): DeviceLogger {
  return {
    debug: (m, c) => logger.debug(c ?? {}, m),
    info: (m, c) => logger.log(c ?? {}, m),
    warn: (m, c) => logger.warn(c ?? {}, m),
    error: (m, c) => logger.error(c ?? {}, m),
  };
}
