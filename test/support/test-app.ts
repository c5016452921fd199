import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/bootstrap';
import { Clock } from '../../src/core/clock/clock';
import { deepMerge, loadConfig } from '../../src/core/config/load-config';
import type { AppConfig } from '../../src/core/config/config.schema';
import { testDatabaseFor } from './database';
import { openApiRecorder } from './openapi-check';

export const TOKENS = {
  counter1: 'test-counter-1-token',
  counter2: 'test-counter-2-token',
  backoffice: 'test-backoffice-token',
  lgo: 'test-lgo-token',
};

/** The staff of config/test.yaml, with their personal codes; the pharmacien is counter-1's operator. */
export const STAFF = {
  pharmacien: { rpps: '10001234567', code: '000000' },
  preparateur: { rpps: '10001234568', code: '111111' },
};

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The whole service with config/test.yaml on a free port, over a real database of the test engine: a SQLite
 * file in a fresh temp directory, or a fresh PostgreSQL database that goes with that directory (an app
 * started again with `keepDataDir` finds its rows).
 */
export async function startTestApp(
  options: { overrides?: Record<string, unknown>; clock?: Clock; keepDataDir?: string } = {},
): Promise<TestApp> {
  const dataDir = options.keepDataDir ?? mkdtempSync(join(tmpdir(), 'comptoir-test-'));
  const database = await testDatabaseFor(dataDir);
  const config = loadConfig({
    env: { COMPTOIR_ENV: 'test', TZ: 'Europe/Paris' },
    overrides: deepMerge(
      deepMerge({ dataDir, server: { port: 0 } }, database.overrides),
      options.overrides ?? {},
    ),
  });
  const app = await createApp({ config, clock: options.clock });
  app.use(openApiRecorder());
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    dataDir,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      if (!options.keepDataDir) {
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
