import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_DB_FILE, SandboxStore } from './sandbox.store';
import { SqliteDb } from './sqlite';

describe('SandboxStore schema', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const userVersion = async (): Promise<number> => {
    const db = await SqliteDb.open(join(dir, SANDBOX_DB_FILE));
    const row = await db.get<{ user_version: number }>('PRAGMA user_version');
    await db.close();
    return row!.user_version;
  };

  it('creates its schema at start, versioned with user_version, and reopens it unchanged', async () => {
    const first = await SandboxStore.open(dir);
    await first.close();
    expect(await userVersion()).toBe(2);
    const second = await SandboxStore.open(dir);
    expect(await second.countPrescriptions()).toBe(0);
    await second.close();
  });

  it('refuses a file written by a newer version', async () => {
    const db = await SqliteDb.open(join(dir, SANDBOX_DB_FILE));
    await db.exec('PRAGMA user_version = 99');
    await db.close();
    await expect(SandboxStore.open(dir)).rejects.toThrow('newer than this code');
  });
});
