import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AuditEntryInput } from '../../src/core/audit/audit-chain';
import { AuditEntryEntity } from '../../src/core/audit/audit-entry.entity';
import { AuditHeadEntity } from '../../src/core/audit/audit-head.entity';
import { AuditRepository } from '../../src/core/audit/audit.repository';
import { AuditService } from '../../src/core/audit/audit.service';
import { FixedClock } from '../../src/core/clock/clock';
import { databaseEnv, dropTrigger, openTestDatabase, TestDatabase, testEngine } from '../support/database';

const root = join(__dirname, '../..');
const env = async (dataDir: string) => ({
  ...process.env,
  COMPTOIR_ENV: 'test',
  COMPTOIR_DATA_DIR: dataDir,
  ...(await databaseEnv(dataDir)),
});

const act = (i: number): AuditEntryInput => ({
  action: 'dispensation.pack.added',
  actor: { kind: 'person', rpps: '10001234567', role: i % 2 ? 'preparateur' : 'pharmacien' },
  terminalId: `counter-${(i % 2) + 1}`,
  subject: { type: 'dispensation', id: `d-${i % 7}` },
  data: { packId: `p-${i}`, cip13: '3400930000001', quantity: 1, lot: `L${i}` },
});

describe(`audit trail on a real ${testEngine()} database`, () => {
  let dataDir: string;
  let t: TestDatabase;
  let audit: AuditService;
  const sql = (text: string, params?: unknown[]) => t.sql(text, params);

  async function open(): Promise<void> {
    t = await openTestDatabase([AuditEntryEntity, AuditHeadEntity], { dataDir });
    const clock = new FixedClock(new Date('2026-11-20T09:00:00+01:00'));
    audit = new AuditService(t.db, clock, new AuditRepository(), {
      resolve: (id?: string) => id ?? 'default',
    } as never);
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'comptoir-audit-'));
    await open();
  });

  afterEach(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function appendMany(from: number, to: number): Promise<void> {
    for (let i = from; i <= to; i++) await audit.append(act(i));
  }

  it('keeps one chain through 1,000 appends, concurrent ones and in-transaction ones included', async () => {
    await appendMany(1, 400);
    await Promise.all(Array.from({ length: 300 }, (_, k) => audit.append(act(401 + k))));
    for (let k = 0; k < 50; k++) {
      await t.db.transaction(async (m) => {
        await audit.append(act(701 + 2 * k), m);
        await audit.append(act(702 + 2 * k), m);
      });
    }
    await Promise.all(Array.from({ length: 200 }, (_, k) => audit.append(act(801 + k))));
    expect(await audit.verify('default', 64)).toEqual({ ok: true, entries: 1000 });
    const seqs = await t.sql<{ n: number }>(
      `SELECT "chainSeq" AS "n" FROM "audit_entries" ORDER BY "chainSeq"`,
    );
    expect(seqs.map((r) => Number(r.n))).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  }, 60_000);

  it('rolls the entry back with the caller transaction and refuses patient identity', async () => {
    await appendMany(1, 3);
    await expect(
      t.db.transaction(async (m) => {
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
    expect(await audit.verify('default')).toEqual({ ok: true, entries: 5 });
  });

  it('keeps one chain per pharmacy: appends interleaved, each verified on its own', async () => {
    for (let i = 1; i <= 30; i++)
      await audit.append({ ...act(i), pharmacyId: i % 3 ? 'pharma-a' : 'pharma-b' });
    await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        audit.append({ ...act(31 + k), pharmacyId: k % 2 ? 'pharma-a' : 'pharma-b' }),
      ),
    );
    expect(await audit.verify('pharma-a')).toEqual({ ok: true, entries: 30 });
    expect(await audit.verify('pharma-b')).toEqual({ ok: true, entries: 20 });
    expect(await audit.verify('default')).toEqual({ ok: true, entries: 0 });
    expect(await audit.pharmacies()).toEqual(['pharma-a', 'pharma-b']);
    await dropTrigger(t, 'TRG_audit_entries_no_update');
    await sql(
      `UPDATE "audit_entries" SET "terminalId" = 'x' WHERE "pharmacyId" = 'pharma-b' AND "chainSeq" = 7`,
    );
    expect(await audit.verify('pharma-b')).toEqual({ ok: false, entries: 20, firstBrokenAt: 7 });
    expect(await audit.verify('pharma-a')).toEqual({ ok: true, entries: 30 });
  });

  it('refuses UPDATE and DELETE through the triggers', async () => {
    await appendMany(1, 2);
    await expect(sql(`UPDATE "audit_entries" SET "data" = '{}' WHERE "chainSeq" = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(`DELETE FROM "audit_entries" WHERE "chainSeq" = 2`)).rejects.toThrow(/append-only/);
  });

  describe('with the triggers dropped (someone editing the file)', () => {
    beforeEach(async () => {
      await appendMany(1, 120);
      await dropTrigger(t, 'TRG_audit_entries_no_update');
      await dropTrigger(t, 'TRG_audit_entries_no_delete');
    });

    it('reports an edited row at its seq, and ok again once it is put back', async () => {
      const [{ data }] = await t.sql<{ data: string }>(
        `SELECT "data" FROM "audit_entries" WHERE "chainSeq" = 77`,
      );
      await sql(`UPDATE "audit_entries" SET "data" = ? WHERE "chainSeq" = 77`, [
        data.replace('"quantity":1', '"quantity":2'),
      ]);
      expect(await audit.verify('default', 50)).toEqual({ ok: false, entries: 120, firstBrokenAt: 77 });
      await sql(`UPDATE "audit_entries" SET "data" = ? WHERE "chainSeq" = 77`, [data]);
      expect(await audit.verify('default', 50)).toEqual({ ok: true, entries: 120 });
    });

    it.each([
      ['a middle row', 50, 50],
      ['the first row', 1, 1],
      ['the last row', 120, 120],
    ])('reports %s deleted', async (_, seq, brokenAt) => {
      await sql(`DELETE FROM "audit_entries" WHERE "chainSeq" = ?`, [seq]);
      expect(await audit.verify('default', 50)).toEqual({ ok: false, entries: 119, firstBrokenAt: brokenAt });
    });

    it('keeps reporting a truncated tail after new appends', async () => {
      await sql(`DELETE FROM "audit_entries" WHERE "chainSeq" > 100`);
      await appendMany(121, 122);
      expect(await audit.verify('default')).toMatchObject({ ok: false, firstBrokenAt: 101 });
    });
  });

  it('verifies from the command line: exit 0 when intact, 1 when broken', async () => {
    await appendMany(1, 20);
    await t.disconnect();
    const cliEnv = await env(dataDir);
    const cli = () =>
      promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'src/core/audit/cli/verify.ts'], {
        cwd: root,
        env: cliEnv,
      });
    expect((await cli()).stdout).toMatch(/audit chain intact: 20 entries/);
    await open();
    await dropTrigger(t, 'TRG_audit_entries_no_update');
    await sql(`UPDATE "audit_entries" SET "terminalId" = 'counter-9' WHERE "chainSeq" = 12`);
    await t.disconnect();
    await expect(cli()).rejects.toMatchObject({ code: 1, stdout: expect.stringMatching(/BROKEN at seq 12/) });
  }, 60_000);
});
