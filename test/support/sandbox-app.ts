import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Clock } from '../../src/core/clock/clock';
import { deepMerge } from '../../src/core/config/load-config';
import { loadOrCreateTestPki } from '../../src/prescription/teleservice/security/test-pki';
import { RunningSandbox, startSandbox } from '../../src/teleservice-sandbox/sandbox.server';
import { testDatabaseFor } from './database';
import { startTestApp, TestApp } from './test-app';

export interface SandboxedApp extends TestApp {
  sandbox: RunningSandbox;
  /** Seeds a prescription in the sandbox; returns its id and QR payload. */
  seed(body: object): Promise<{ prescriptionId: string; qr: string }>;
  faults(body: object): Promise<void>;
}

/** Overrides for tests that inject faults: short timeouts, a breaker that stays closed, quick retries. */
export const QUICK_RETRIES = {
  teleservice: { timeoutMs: 500, breaker: { failureThreshold: 1000, cooldownMs: 50 } },
  execution: { pollMs: 20, backoffMs: { min: 10, max: 100 } },
};

/** The whole service against a real teleservice sandbox on loopback, sharing one test PKI. */
export async function startSandboxedApp(
  options: {
    overrides?: Record<string, unknown>;
    clock?: Clock;
    /** The sandbox's own time; give it the app's clock when a test moves time (assertion windows follow). */
    sandboxClock?: Clock;
  } = {},
): Promise<SandboxedApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-e2e-'));
  const pki = loadOrCreateTestPki(join(dataDir, 'pki'));
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    trustedCaPem: pki.ca.certPem,
    demoSeeds: false,
    ...(options.sandboxClock ? { clock: options.sandboxClock } : {}),
  });
  const app = await startTestApp({
    keepDataDir: dataDir,
    clock: options.clock,
    overrides: deepMerge({ teleservice: { url: sandbox.soapUrl, timeoutMs: 1500 } }, options.overrides ?? {}),
  });
  return {
    ...app,
    sandbox,
    seed: async (body) => {
      const res = await request(sandbox.url).post('/sandbox/prescriptions').send(body).expect(201);
      return res.body as { prescriptionId: string; qr: string };
    },
    faults: async (body) => {
      await request(sandbox.url).post('/sandbox/faults').send(body).expect(200);
    },
    close: async () => {
      await app.close();
      await sandbox.close();
      await (await testDatabaseFor(dataDir)).drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
