import 'reflect-metadata';
import { createApp } from './bootstrap';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from './core/config/config.schema';
import { ConfigError, loadConfig } from './core/config/load-config';
import { loadOrCreateTestPki } from './prescription/teleservice/security/test-pki';
import { RunningSandbox, startSandbox } from './teleservice-sandbox/sandbox.server';

process.env.TZ ??= 'Europe/Paris';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`comptoir: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const sandbox =
    config.sandbox.embedded && !config.teleservice.url ? await startEmbeddedSandbox(config) : undefined;
  if (sandbox) config.teleservice.url = sandbox.soapUrl;
  const app = await createApp({ config });
  await app.listen(config.server.port, config.server.host);
  process.stdout.write(
    `comptoir: listening on http://${config.server.host}:${config.server.port} (${config.env})` +
      (sandbox ? `, teleservice sandbox on ${sandbox.url}` : '') +
      '\n',
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`comptoir: ${signal}, stopping\n`);
    await app.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Sandbox mode: the bundled teleservice sandbox in-process, trusting the test PKI of the data directory. */
async function startEmbeddedSandbox(config: AppConfig): Promise<RunningSandbox> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const pki = loadOrCreateTestPki(join(dataDir, 'pki'));
  return startSandbox({
    port: config.sandbox.port,
    host: '127.0.0.1',
    dataDir,
    trustedCaPem: pki.ca.certPem,
  });
}

main().catch((err) => {
  process.stderr.write(`comptoir: failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
