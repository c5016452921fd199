import type { Logger } from '@nestjs/common';

/** The framework-free drivers' logger interface (devices/scanner/types.ts DeviceLogger), fed to a Nest Logger. */
export interface DeviceLoggerLike {
  debug(message: string, context?: object): void;
  info(message: string, context?: object): void;
  warn(message: string, context?: object): void;
  error(message: string, context?: object): void;
}

export function deviceLogger(logger: Logger): DeviceLoggerLike {
  return {
    debug: (m, c) => logger.debug(c ?? {}, m),
    info: (m, c) => logger.log(c ?? {}, m),
    warn: (m, c) => logger.warn(c ?? {}, m),
    error: (m, c) => logger.error(c ?? {}, m),
  };
}
