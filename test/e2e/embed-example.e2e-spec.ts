import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { comptoir } from '../support/api-request';
import { loadOrCreateTestPki } from '../../src/prescription/teleservice/security/test-pki';
import { RunningSandbox, startSandbox } from '../../src/teleservice-sandbox/sandbox.server';
import { CounterClient } from '../support/counter-client';
import { gs1Pack, paracetamolSeed } from '../support/dispense-flow';
import { CIP } from '../factories/dispensation.factory';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';

const root = join(__dirname, '..', '..');

jest.setTimeout(60_000);

/**
 * examples/embed, the minimal LGO host, built and started as a process the way a vendor runs theirs: it
 * imports `comptoir` and `comptoir/devices` through the package's `exports` (the built dist/), and serves
 * its own route beside Comptoir's whole API, against a real teleservice sandbox.
 */
describe('examples/embed: an LGO host application importing ComptoirModule', () => {
  let dataDir: string;
  let sandbox: RunningSandbox;
  let host: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'scripts/build.js')], { cwd: root });
    dataDir = mkdtempSync(join(tmpdir(), 'comptoir-embed-'));
    const pki = loadOrCreateTestPki(join(dataDir, 'pki'));
    sandbox = await startSandbox({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      trustedCaPem: pki.ca.certPem,
      demoSeeds: false,
    });
    host = spawn(process.execPath, [join(root, 'dist/examples/embed/main.js')], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        TZ: 'Europe/Paris',
        COMPTOIR_ENV: 'test',
        COMPTOIR_TELESERVICE_URL: sandbox.soapUrl,
        EMBED_DATA_DIR: dataDir,
        EMBED_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    host.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    host.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const port = await until(
      () => /example-lgo: listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1],
      {
        what: 'the example host to listen',
        timeoutMs: 30_000,
        detail: () => output,
      },
    );
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (host.exitCode === null) host.kill('SIGKILL');
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("leaves the host's own routes alone: no token, no Comptoir validation", async () => {
    const hello = await comptoir(url).get('/lgo/hello').expect(200);
    expect(hello.body.host).toBe('example-lgo');
    expect(hello.body.scannerProfiles).toContain('generic-serial-cr');
    const note = await comptoir(url)
      .post('/lgo/notes')
      .send({ anything: { goes: [1, 2] } });
    expect(note.status).toBe(201);
    expect(note.body).toEqual({ received: { anything: { goes: [1, 2] } } });
    expect(note.headers['idempotent-replayed']).toBeUndefined();
  });

  it("guards Comptoir's routes as the service does: token, problem+json, validation, API headers", async () => {
    const anonymous = await comptoir(url).get('/api/v1/devices');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.body.code).toBe('UNAUTHORIZED');
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const extra = await comptoir(url)
      .post('/api/v1/scans')
      .set('Authorization', `Bearer ${TOKENS.lgo}`)
      .send({ data: '3400941533969', unknownField: 1 });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('VALIDATION_FAILED');
    const health = await comptoir(url).get('/health').expect(200);
    expect(health.body.checks.database.status).toBe('up');
  });

  it('dispenses a prescription end to end through the embedded module, migrations run at start', async () => {
    const seeded = await request(sandbox.url)
      .post('/sandbox/prescriptions')
      .send(paracetamolSeed())
      .expect(201);
    const lgo = new CounterClient(url, TOKENS.lgo, 'counter-1', 20_000);
    const validated = await lgo.dispense(seeded.body.qr as string, [
      gs1Pack(CIP.dolipraneGelule),
      gs1Pack(CIP.dolipraneGelule),
    ]);
    expect(validated.sequence).toBe(1);
    const acknowledged = await until(
      async () => {
        const e = await lgo.call('GET', `/api/v1/executions/${validated.executionId}`);
        return e.body.status === 'acknowledged' ? e.body : undefined;
      },
      { what: 'the execution to be acknowledged by the sandbox', timeoutMs: 20_000 },
    );
    expect(acknowledged.prescriptionId).toBe(seeded.body.prescriptionId);
  });

  it('stops cleanly on SIGTERM (exit 0 once every module is closed)', async () => {
    const exited = new Promise<number | null>((resolve) => host.once('exit', (code) => resolve(code)));
    host.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
