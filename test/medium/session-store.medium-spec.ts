import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionEntity } from '../../src/core/auth/session.entity';
import { SessionRepository } from '../../src/core/auth/session.repository';
import { SessionStore } from '../../src/core/auth/session.store';
import { FixedClock } from '../../src/core/clock/clock';
import { loadConfig } from '../../src/core/config/load-config';
import { openTestDatabase, TestDatabase, testEngine } from '../support/database';

const principal = { pharmacyId: 'default', terminalId: 'counter-1', role: 'counter' as const };

describe(`page sessions in a real ${testEngine()} database`, () => {
  const clock = new FixedClock(new Date('2026-11-20T09:00:00Z'));
  let dataDir: string;
  let t: TestDatabase | undefined;

  const open = async () => {
    const config = loadConfig({
      env: { COMPTOIR_ENV: 'test', COMPTOIR_DATA_DIR: dataDir },
      overrides: { auth: { sessionIdleMinutes: 10 } },
    });
    t = await openTestDatabase([SessionEntity], { dataDir });
    return new SessionStore(t.db, new SessionRepository(), clock, config);
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'comptoir-sessions-'));
  });

  afterEach(async () => {
    await t?.close();
    t = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hands out random 256-bit ids (43 base64url characters), stored only as their SHA-256', async () => {
    const store = await open();
    const a = await store.create(principal);
    const b = await store.create(principal);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    const keys = await t!.sql<{ key: string }>(`SELECT "key" FROM "sessions"`);
    expect(keys.map((k) => k.key)).not.toContain(a);
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.key))).toBe(true);
  });

  it('returns the principal and its key, and nothing for an unknown id', async () => {
    const store = await open();
    const id = await store.create(principal);
    const got = await store.touch(id);
    expect(got?.principal).toEqual(principal);
    expect(await store.alive(got!.key)).toBe(true);
    expect(await store.touch('nope')).toBeUndefined();
  });

  it('expires after the idle time; each use restarts it', async () => {
    const store = await open();
    const id = await store.create(principal);
    clock.advance(9 * 60_000);
    expect(await store.touch(id)).toBeDefined();
    clock.advance(10 * 60_000 - 1);
    const still = await store.touch(id);
    expect(still).toBeDefined();
    clock.advance(10 * 60_000 + 1);
    expect(await store.alive(still!.key)).toBe(false);
    expect(await store.touch(id)).toBeUndefined();
  });

  it('survives a restart: another store over the same file knows the session', async () => {
    const id = await (await open()).create(principal);
    await t!.disconnect();
    const again = await open();
    expect((await again.touch(id))?.principal).toEqual(principal);
  });

  it('ends on delete, announcing the key; expired ones are pruned when another is created', async () => {
    const store = await open();
    const ended: string[] = [];
    store.ended.subscribe((k) => ended.push(k));
    const id = await store.create(principal);
    const { key } = (await store.touch(id))!;
    await store.delete(id);
    expect(ended).toEqual([key]);
    expect(await store.touch(id)).toBeUndefined();
    await store.create(principal);
    clock.advance(11 * 60_000);
    await store.create(principal);
    expect(await store.count()).toBe(1);
  });
});
