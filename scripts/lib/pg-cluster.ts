// A throwaway PostgreSQL 15 cluster for the tests and the bench (STACK.md § PostgreSQL): Debian's
// postgresql-15, started as the `postgres` user in a temp directory on a free port, trust authentication
// on 127.0.0.1 only, stopped and removed at the end. Several runs on one machine never share one.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  /** Superuser URL of the `postgres` database (create and drop databases through it). */
  url: string;
  port: number;
  dir: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL program as the `postgres` user (initdb refuses root). */
function asPostgres(program: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, program), ...args]]
    : [join(PG_BIN, program), args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${program} failed (${r.status}): ${r.stderr || r.stdout}`);
}

export function postgresInstalled(): boolean {
  return existsSync(join(PG_BIN, 'initdb'));
}

/**
 * Starts a cluster. Settings for a test machine, not for production: no fsync (a crash of the machine
 * loses the test data, never a test's verdict), more connections than the default for several instances.
 */
export async function startPgCluster(options: { fsync?: boolean } = {}): Promise<PgCluster> {
  if (!postgresInstalled()) {
    throw new Error(
      `PostgreSQL 15 is not installed (${PG_BIN}): apt-get install postgresql-15 (scripts/hw-prereqs.sh)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-pg-'));
  chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  writeFileSync(join(dir, 'started'), '');
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=300',
    '-c shared_buffers=128MB',
    `-c fsync=${options.fsync ? 'on' : 'off'}`,
    `-c synchronous_commit=${options.fsync ? 'on' : 'off'}`,
    '-c full_page_writes=off',
  ].join(' ');
  asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', settings, '-w', '-t', '60', 'start']);
  const stop = () => {
    try {
      asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
}
