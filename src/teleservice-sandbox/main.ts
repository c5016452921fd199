import { join, resolve } from 'node:path';
import { securePrivateDir } from '../core/files/private-files';
import { loadOrCreateTestPki } from '../prescription/teleservice/security/test-pki';
import { DEMO_PRESCRIPTION_IDS } from './demo-seeds';
import { startSandbox } from './sandbox.server';

/**
 * `npm run sandbox`: the teleservice sandbox alone. Env: COMPTOIR_SANDBOX_PORT (8089), COMPTOIR_DATA_DIR
 * (./data; the test PKI goes to <dataDir>/pki), COMPTOIR_SANDBOX_TLS=1 to serve https with the test CA.
 */
async function main(): Promise<void> {
  const dataDir = resolve(process.env.COMPTOIR_DATA_DIR ?? './data');
  const port = Number(process.env.COMPTOIR_SANDBOX_PORT ?? 8089);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`COMPTOIR_SANDBOX_PORT: ${port} is no port`);
  process.umask(0o077);
  securePrivateDir(dataDir);
  const pki = loadOrCreateTestPki(join(dataDir, 'pki'));
  const tls =
    process.env.COMPTOIR_SANDBOX_TLS === '1'
      ? { cert: pki.server.certPem, key: pki.server.keyPem }
      : undefined;
  const sandbox = await startSandbox({ port, dataDir, tls, trustedCaPem: pki.ca.certPem }).catch(
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      console.error(
        `teleservice sandbox: port ${port} is already in use: choose one with COMPTOIR_SANDBOX_PORT`,
      );
      process.exit(1);
    },
  );
  console.log(
    `teleservice sandbox: SOAP ${sandbox.soapUrl} (WSDL ${sandbox.soapUrl}?wsdl), admin ${sandbox.url}/sandbox/`,
  );
  console.log(`test PKI in ${pki.dir}; demo prescriptions: ${DEMO_PRESCRIPTION_IDS.join(', ')}`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the sandbox`);
    // The SOAP call being processed finishes its write before the store closes; past 4.5 s, exit anyway.
    setTimeout(() => {
      console.error('teleservice sandbox: not stopped within 4500 ms: exiting anyway');
      process.exit(1);
    }, 4500);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`teleservice sandbox failed to start: ${(error as Error).message}`);
  process.exit(1);
});
