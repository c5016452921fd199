import 'reflect-metadata';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './core/config/load-config';

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
  if (sandbox) config.teleservice.url = `${sandbox.url}/eprescription`;
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

async function startEmbeddedSandbox(
  _config: unknown,
): Promise<{ url: string; close(): Promise<void> } | undefined> {
  // Wired to src/teleservice-sandbox once it lands (issue 3).
  return undefined;
}

main().catch((err) => {
  process.stderr.write(`comptoir: failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
