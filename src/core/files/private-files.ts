import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Raised when the data directory cannot be made private (not its owner): the service must not start. */
export class PrivateFilesError extends Error {
  override name = 'PrivateFilesError';
}

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

function tighten(path: string, mode: number, fixed: string[]): void {
  const current = lstatSync(path).mode & 0o777;
  if ((current & 0o077) === 0) return;
  try {
    chmodSync(path, mode);
  } catch (err) {
    throw new PrivateFilesError(
      `${path} is readable by others (mode ${current.toString(8)}) and cannot be made private: ${(err as Error).message}`,
    );
  }
  fixed.push(path);
}

/**
 * The data directory holds health data (the database and its WAL, the sandbox's, the test PKI's keys):
 * the directory is made 0700 and every file in it 0600, at every boot (docs/security.md). Returns the
 * paths that were more open than that, so the caller can say so; symbolic links are left alone.
 */
export function securePrivateDir(dir: string): string[] {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  const fixed: string[] = [];
  const walk = (path: string) => {
    tighten(path, DIR_MODE, fixed);
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) tighten(child, FILE_MODE, fixed);
    }
  };
  walk(dir);
  return fixed;
}

/**
 * Creates `file` empty and 0600 when it does not exist yet. SQLite gives its -wal and -shm files the mode
 * of the database file, so a database created this way keeps all three private whatever the umask.
 */
export function createPrivateFile(file: string): void {
  closeSync(openSync(file, 'a', FILE_MODE));
  tighten(file, FILE_MODE, []);
}
