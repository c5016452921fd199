import 'reflect-metadata';
import { createApp } from './bootstrap';
import { join, resolve } from 'node:path';
import type { AppConfig } from './core/config/config.schema';
import { ConfigError, loadConfig } from './core/config/load-config';
import { checkNativeDevices } from './core/devices/native-devices';
import { EventsService } from './core/events/events.service';
import { httpDrainer } from './core/http/drain-http-server';
import { PrivateFilesError, securePrivateDir } from './core/files/private-files';
import { loadOrCreateTestPki } from './prescription/teleservice/security/test-pki';
import { RunningSandbox, startSandbox } from './teleservice-sandbox/sandbox.server';

process.env.TZ ??= 'Europe/Paris';
// Everything the service creates is its own: the database, its WAL, the sandbox's, the test PKI.
process.umask(0o077);

/** The whole stop ends within this, under the 5 s a service manager gives; past it the process exits anyway. */
const STOP_DEADLINE_MS = 4500;
/** What requests in flight get before their connections are cut. */
const DRAIN_GRACE_MS = 2500;

const out = (line: string): boolean => process.stdout.write(`comptoir: ${line}\n`);
const fail = (line: string, code: number): never => {
  process.stderr.write(`comptoir: ${line}\n`);
  process.exit(code);
};

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
    for (const warning of checkNativeDevices(config)) out(`warning: ${warning}`);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2);
    throw err;
  }
  try {
    for (const path of securePrivateDir(resolve(config.dataDir))) {
      process.stderr.write(`comptoir: ${path} was readable by others; made private (0700/0600)\n`);
    }
  } catch (err) {
    if (!(err instanceof PrivateFilesError)) throw err;
    fail(err.message, 2);
  }
  const sandbox =
    config.sandbox.embedded && !config.teleservice.url
      ? await listening(startEmbeddedSandbox(config), 'COMPTOIR_SANDBOX_PORT', config.sandbox.port)
      : undefined;
  if (sandbox) config.teleservice.url = sandbox.soapUrl;
  const app = await createApp({ config });
  const drainer = httpDrainer(app.getHttpServer());
  await listening(app.listen(config.server.port, config.server.host), 'COMPTOIR_PORT', config.server.port);
  out(
    `listening on http://${config.server.host}:${config.server.port} (${config.env})` +
      (sandbox ? `, teleservice sandbox on ${sandbox.url}` : ''),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return fail(`${signal} again: exiting now`, 1);
    stopping = true;
    out(`${signal}, stopping`);
    // Never left hanging: an outbox call cut here was not acknowledged and is resent at the next start.
    setTimeout(() => fail(`not stopped within ${STOP_DEADLINE_MS} ms: exiting anyway`, 1), STOP_DEADLINE_MS);
    const drained = await drainer.drain({
      endStreams: () => app.get(EventsService).close(),
      graceMs: DRAIN_GRACE_MS,
    });
    if (drained === 'cut') out(`requests still running after ${DRAIN_GRACE_MS} ms were cut`);
    await app.close();
    await sandbox?.close();
    out('stopped');
    process.exit(0);
  };
  const onSignal = (signal: string) =>
    stop(signal).catch((err: unknown) => fail(`stop failed: ${(err as Error).stack ?? String(err)}`, 1));
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
}

/** A port already taken is one line naming the variable that changes it, not a stack trace. */
async function listening<T>(start: Promise<T>, variable: string, port: number): Promise<T> {
  try {
    return await start;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      fail(
        `port ${port} is already in use (another Comptoir?): stop it, or choose a port with ${variable}`,
        1,
      );
    if (code === 'EACCES') fail(`port ${port} is not allowed for this user: choose one with ${variable}`, 1);
    throw err;
  }
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

main().catch((err: unknown) => fail(`failed to start: ${(err as Error).stack ?? String(err)}`, 1));
