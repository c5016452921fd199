import { randomUUID } from 'node:crypto';
import { LoggerModule as PinoModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import pretty from 'pino-pretty';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { REDACTED_PATHS } from './redaction';

/**
 * pino with redaction; request logs carry method, path, status and terminal, never bodies. JSON lines by
 * default; `log.pretty` (COMPTOIR_LOG_PRETTY=1) writes them for a person through pino-pretty, synchronously
 * so that the last lines before an exit are not lost.
 */
export const LoggingModule = PinoModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const options = httpLogOptions(config);
    return {
      pinoHttp: config.log.pretty
        ? ([
            options,
            pretty({
              sync: true,
              translateTime: 'SYS:HH:MM:ss.l',
              ignore: 'pid,hostname,context',
              messageFormat: '{if context}{context}: {end}{msg}',
            }),
          ] as [Options, ReturnType<typeof pretty>])
        : options,
    };
  },
});

function httpLogOptions(config: AppConfig): Options {
  return {
    level: config.log.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: (req) => (req.headers['x-request-id'] as string) || randomUUID(),
    autoLogging: { ignore: (req) => req.url === '/health' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url?.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
