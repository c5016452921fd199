import 'reflect-metadata';
import { createApp } from './bootstrap';
import { join, resolve } from 'node:path';
import type { AppConfig } from './core/config/config.schema';
import { ConfigError, loadConfig } from './core/config/load-config';
import { PrivateFilesError, securePrivateDir } from './core/files/private-files';
import { loadOrCreateTestPki } from './prescription/teleservice/security/test-pki';
import { RunningSandbox, startSandbox } from './teleservice-sandbox/sandbox.server';

process.env.TZ ??= 'Europe/Paris';
// Everything the service creates is its own: the database, its WAL, the sandbox's, the test PKI.
process.umask(0o077);

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
  try {
    for (const path of securePrivateDir(resolve(config.dataDir))) {
      process.stderr.write(`comptoir: ${path} was readable by others; made private (0700/0600)\n`);
    }
  } catch (err) {
    if (!(err instanceof PrivateFilesError)) throw err;
    process.stderr.write(`comptoir: ${err.message}\n`);
    process.exit(2);
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
