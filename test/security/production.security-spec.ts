import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, ROOT, waitHealthy } from '../../bench/service';
import { freePort } from '../support/outbox-crash';

/*
 * Finding 5: COMPTOIR_ENV=production started with the sandbox tokens, tokens read from YAML, simulated
 * devices and the simulate routes, and default.yaml signed with the generated test card.
 */
jest.setTimeout(60_000);

const SAFE_YAML = [
  'teleservice: { url: "https://teleservice.example.invalid/eprescription", signer: external }',
  "pharmacy: { finess: '123456789', am: '123456789' }",
  'terminals: [{ id: counter-1 }]',
].join('\n');
const SECRET = 'counter-1:counter:8f3c1e0b9a7d4c2e6f5a8b1d3e7c9f20';

describe('finding 5: production refuses anything of the sandbox, naming each (exit 2)', () => {
  let dir: string;

  beforeAll(() => {
    build();
    dir = mkdtempSync(join(tmpdir(), 'comptoir-prod-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string, text: string, mode = 0o600) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  };
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        COMPTOIR_ENV: 'production',
        COMPTOIR_DATA_DIR: join(dir, 'data'),
        ...env,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('refuses the sandbox configuration run as production, and names every reason', () => {
    const r = run({ COMPTOIR_CONFIG: join(ROOT, 'config/sandbox.yaml') });
    expect(r.status).toBe(2);
    for (const reason of [
      /the sandbox token of counter-1 \(counter\)/,
      /the sandbox token of backoffice \(back-office\)/,
      /the sandbox token of \* \(lgo\)/,
      /tokens read from a YAML file/,
      /teleservice.signer: test-pki/,
      /terminals.counter-1.scanners.counter-1-scanner: simulated scanner/,
      /terminals.counter-1.vitale: simulated card reader/,
      /sandbox.simulation/,
      /sandbox.embedded/,
    ]) {
      expect(r.stderr).toMatch(reason);
    }
  });

  it('refuses a sandbox token given in the environment, and a signer left to the default', () => {
    const r = run({
      COMPTOIR_CONFIG: file('no-signer.yaml', SAFE_YAML.replace(', signer: external', '')),
      COMPTOIR_API_TOKENS: 'counter-1:counter:sandbox-counter-1',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the sandbox token of counter-1/);
    expect(r.stderr).toMatch(/teleservice.signer is not set/);
  });

  it('refuses a token file others can read', () => {
    const r = run({
      COMPTOIR_CONFIG: file('prod.yaml', SAFE_YAML),
      COMPTOIR_API_TOKENS_FILE: file('tokens-open', SECRET, 0o644),
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/COMPTOIR_API_TOKENS_FILE is readable by others \(mode 644\)/);
  });

  it('starts with secret tokens from a private file, an explicit signer and real devices only', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        COMPTOIR_ENV: 'production',
        COMPTOIR_DATA_DIR: join(dir, 'data'),
        COMPTOIR_PORT: String(port),
        COMPTOIR_CONFIG: file('prod.yaml', SAFE_YAML),
        COMPTOIR_API_TOKENS_FILE: file('tokens', SECRET),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      await waitHealthy(`http://127.0.0.1:${port}`, 30_000);
      const me = await fetch(`http://127.0.0.1:${port}/api/v1/session`, {
        headers: { Authorization: `Bearer ${SECRET.split(':')[2]}` },
      });
      expect(me.status).toBe(200);
      const simulate = await fetch(`http://127.0.0.1:${port}/api/v1/devices/x/simulate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${SECRET.split(':')[2]}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: 'x' }),
      });
      expect(simulate.status).toBe(404);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
