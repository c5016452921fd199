import { randomUUID } from 'node:crypto';
import { LoggerModule as PinoModule } from 'nestjs-pino';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { REDACTED_PATHS } from './redaction';

/** pino with redaction; request logs carry method, path, status and terminal, never bodies. */
export const LoggingModule = PinoModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    pinoHttp: {
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
    },
  }),
});
