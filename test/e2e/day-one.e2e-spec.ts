// What a person meets on the first day, on the real processes: a port already taken is one line naming the
// variable to change; COMPTOIR_LOG_PRETTY=1 gives lines a person reads, JSON lines being the default.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, ROOT } from '../../bench/service';
import { freePort } from '../support/outbox-crash';

jest.setTimeout(120_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a compiled entry point to its end (it is expected to exit by itself) with COMPTOIR_* variables. */
async function run(entry: string, env: Record<string, string>): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [entry], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number | null; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('a port already in use', () => {
  let dir: string;
  let taken: Server;
  let port: number;

  beforeAll(async () => {
    build();
    port = await freePort();
    taken = await occupy(port);
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'comptoir-port-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  afterAll(() => new Promise((r) => taken.close(r)));

  it.each([
    ['the service port', 'COMPTOIR_PORT'],
    ['the embedded sandbox port', 'COMPTOIR_SANDBOX_PORT'],
  ])('npm start on %s: one line naming %s, exit 1', async (_name, variable) => {
    const other = String(await freePort());
    const r = await run('dist/src/main.js', {
      COMPTOIR_ENV: 'sandbox',
      COMPTOIR_DATA_DIR: dir,
      COMPTOIR_PORT: other,
      COMPTOIR_SANDBOX_PORT: String(await freePort()),
      COMPTOIR_LOG_LEVEL: 'warn',
      [variable]: String(port),
    });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringContaining(`port ${port} is already in use`)]);
    expect(lines[0]).toContain(variable);
  });

  it('npm run sandbox: one line naming COMPTOIR_SANDBOX_PORT, exit 1', async () => {
    const r = await run('dist/src/teleservice-sandbox/main.js', {
      COMPTOIR_DATA_DIR: dir,
      COMPTOIR_SANDBOX_PORT: String(port),
    });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `teleservice sandbox: port ${port} is already in use: choose one with COMPTOIR_SANDBOX_PORT`,
    ]);
  });
});

describe('log format', () => {
  /** Starts npm start's process, waits for its first log lines, stops it with SIGTERM. */
  async function firstLines(env: Record<string, string>): Promise<string[]> {
    build();
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-logs-'));
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        COMPTOIR_ENV: 'sandbox',
        COMPTOIR_DATA_DIR: dir,
        COMPTOIR_PORT: String(await freePort()),
        COMPTOIR_SANDBOX_PORT: String(await freePort()),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const deadline = Date.now() + 60_000;
      while (!out.includes('comptoir: listening') && Date.now() < deadline && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGTERM');
      await exited;
      return out.split('\n').filter((l) => l && !l.startsWith('comptoir:'));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('writes JSON lines by default', async () => {
    const lines = await firstLines({});
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('writes lines for a person with COMPTOIR_LOG_PRETTY=1', async () => {
    const lines = await firstLines({ COMPTOIR_LOG_PRETTY: '1' });
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
    expect(lines.join('\n')).toMatch(/INFO.*empty referential: imported the shipped BDPM subset/);
  });
});
