import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditEntryInput } from '../../src/core/audit/audit-chain';
import { AuditEntryEntity } from '../../src/core/audit/audit-entry.entity';
import { AuditService } from '../../src/core/audit/audit.service';
import { FixedClock } from '../../src/core/clock/clock';
import { loadConfig } from '../../src/core/config/load-config';
import { databaseOptions } from '../../src/core/database/database.options';
import { WriteLock } from '../../src/core/database/write-lock';

const root = join(__dirname, '../..');
const env = (dataDir: string) => ({ ...process.env, COMPTOIR_ENV: 'test', COMPTOIR_DATA_DIR: dataDir });

const act = (i: number): AuditEntryInput => ({
  action: 'dispensation.pack.added',
  actor: { kind: 'person', rpps: '10001234567', role: i % 2 ? 'preparateur' : 'pharmacien' },
  terminalId: `counter-${(i % 2) + 1}`,
  subject: { type: 'dispensation', id: `d-${i % 7}` },
  data: { packId: `p-${i}`, cip13: '3400930000001', quantity: 1, lot: `L${i}` },
});

describe('audit trail on a real SQLite file', () => {
  let dataDir: string;
  let ds: DataSource;
  let audit: AuditService;

  async function open(): Promise<void> {
    ds = new DataSource({
      ...databaseOptions(loadConfig({ env: env(dataDir) })),
      entities: [AuditEntryEntity],
    });
    await ds.initialize();
    await ds.runMigrations();
    audit = new AuditService(ds, new FixedClock(new Date('2026-11-20T09:00:00+01:00')), new WriteLock(ds));
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'comptoir-audit-'));
    await open();
  });

  afterEach(async () => {
    if (ds.isInitialized) await ds.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function appendMany(from: number, to: number): Promise<void> {
    for (let i = from; i <= to; i++) await audit.append(act(i));
  }

  it('keeps one chain through 1,000 appends, concurrent ones and in-transaction ones included', async () => {
    await appendMany(1, 400);
    await Promise.all(Array.from({ length: 300 }, (_, k) => audit.append(act(401 + k))));
    // TypeORM's SQLite driver shares one connection: callers' transactions must not overlap each other.
    for (let k = 0; k < 50; k++) {
      await ds.transaction(async (m) => {
        await audit.append(act(701 + 2 * k), m);
        await audit.append(act(702 + 2 * k), m);
      });
    }
    await Promise.all(Array.from({ length: 200 }, (_, k) => audit.append(act(801 + k))));
    expect(await audit.verify(64)).toEqual({ ok: true, entries: 1000 });
    const seqs = (await ds.query(`SELECT "seq" FROM "audit_entries" ORDER BY "seq"`)) as { seq: number }[];
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  }, 60_000);

  it('rolls the entry back with the caller transaction and refuses patient identity', async () => {
    await appendMany(1, 3);
    await expect(
      ds.transaction(async (m) => {
        await audit.append(act(4), m);
        throw new Error('the act failed');
      }),
    ).rejects.toThrow('the act failed');
    await expect(audit.append({ ...act(5), data: { patient: { lastName: 'ESSAI' } } })).rejects.toMatchObject(
      {
        code: 'AUDIT_ENTRY_REFUSED',
      },
    );
    await appendMany(6, 7);
    expect(await audit.verify()).toEqual({ ok: true, entries: 5 });
  });

  it('refuses UPDATE and DELETE through the triggers', async () => {
    await appendMany(1, 2);
    await expect(ds.query(`UPDATE "audit_entries" SET "data" = '{}' WHERE "seq" = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query(`DELETE FROM "audit_entries" WHERE "seq" = 2`)).rejects.toThrow(/append-only/);
  });

  describe('with the triggers dropped (someone editing the file)', () => {
    beforeEach(async () => {
      await appendMany(1, 120);
      await ds.query(`DROP TRIGGER "TRG_audit_entries_no_update"`);
      await ds.query(`DROP TRIGGER "TRG_audit_entries_no_delete"`);
    });

    it('reports an edited row at its seq, and ok again once it is put back', async () => {
      const [{ data }] = (await ds.query(`SELECT "data" FROM "audit_entries" WHERE "seq" = 77`)) as {
        data: string;
      }[];
      await ds.query(`UPDATE "audit_entries" SET "data" = ? WHERE "seq" = 77`, [
        data.replace('"quantity":1', '"quantity":2'),
      ]);
      expect(await audit.verify(50)).toEqual({ ok: false, entries: 120, firstBrokenAt: 77 });
      await ds.query(`UPDATE "audit_entries" SET "data" = ? WHERE "seq" = 77`, [data]);
      expect(await audit.verify(50)).toEqual({ ok: true, entries: 120 });
    });

    it.each([
      ['a middle row', 50, 50],
      ['the first row', 1, 1],
      ['the last row', 120, 120],
    ])('reports %s deleted', async (_, seq, brokenAt) => {
      await ds.query(`DELETE FROM "audit_entries" WHERE "seq" = ?`, [seq]);
      expect(await audit.verify(50)).toEqual({ ok: false, entries: 119, firstBrokenAt: brokenAt });
    });

    it('keeps reporting a truncated tail after new appends', async () => {
      await ds.query(`DELETE FROM "audit_entries" WHERE "seq" > 100`);
      await appendMany(121, 122);
      expect(await audit.verify()).toMatchObject({ ok: false, firstBrokenAt: 101 });
    });
  });

  it('verifies from the command line: exit 0 when intact, 1 when broken', async () => {
    await appendMany(1, 20);
    await ds.destroy();
    const cli = () =>
      promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'src/core/audit/cli/verify.ts'], {
        cwd: root,
        env: env(dataDir),
      });
    expect((await cli()).stdout).toMatch(/audit chain intact: 20 entries/);
    await open();
    await ds.query(`DROP TRIGGER "TRG_audit_entries_no_update"`);
    await ds.query(`UPDATE "audit_entries" SET "terminalId" = 'counter-9' WHERE "seq" = 12`);
    await ds.destroy();
    await expect(cli()).rejects.toMatchObject({ code: 1, stdout: expect.stringMatching(/BROKEN at seq 12/) });
  }, 60_000);
});
