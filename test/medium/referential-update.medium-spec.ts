// `npm run referential:update` and the daily refresh against a local HTTP server serving the ANSM files of
// ../shared/data/bdpm (CI always has ../shared beside the clone; a missing copy fails rather than skips).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { BdpmReferential } from '../../src/medicines/bdpm/bdpm.referential';
import { MEDICINES_ENTITIES } from '../../src/medicines/entities';
import { MedicinesReferential } from '../../src/medicines/medicines-referential.port';
import { ReferentialRefresh } from '../../src/medicines/referential-refresh';
import { databaseEnv, openTestDatabase } from '../support/database';
import { startTestApp, TOKENS } from '../support/test-app';

const root = join(__dirname, '../..');
const FULL_BDPM = join(root, '../shared/data/bdpm');
/** AMIODARONE TEVA 200 mg, comprimé sécable: in the full BDPM, not in the shipped subset. */
const AMIODARONE = { cip13: '3400936114258', cis: '60932824' };

interface FileServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** Serves `dir` under /download/file/ as ANSM does; `override` replaces one file's answer. */
async function serveBdpm(
  dir: string,
  override?: { file: string; type: string; body: string },
): Promise<FileServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(req.url!.replace(/^\/download\/file\//, ''));
    requests.push(name);
    if (override && name === override.file) {
      res.writeHead(200, { 'content-type': override.type }).end(override.body);
      return;
    }
    const path = join(dir, name);
    if (name.includes('/') || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/download/file/`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function activeVersion(dataDir: string): Promise<{ id: number; source: string; specialities: number }> {
  // The CLI's database, opened as it left it (the file `comptoir.sqlite`, or the directory's PostgreSQL database).
  const t = await openTestDatabase(MEDICINES_ENTITIES, { dataDir, migrate: false, file: 'comptoir.sqlite' });
  try {
    const [v] = await t.sql<{ id: number; source: string; counts: string }>(
      `SELECT "id", "source", "counts" FROM "medicines_versions" WHERE "active" = ?`,
      [true],
    );
    const referential = new BdpmReferential(t.db);
    await referential.load();
    expect((await referential.findByCip13(AMIODARONE.cip13))?.speciality.cis).toBe(AMIODARONE.cis);
    return {
      id: Number(v.id),
      source: v.source,
      specialities: (JSON.parse(v.counts) as { specialities: number }).specialities,
    };
  } finally {
    await t.disconnect();
  }
}

describe('npm run referential:update', () => {
  let dataDir: string;
  let ansm: FileServer;

  beforeAll(async () => {
    if (!existsSync(FULL_BDPM)) throw new Error(`the full BDPM files are missing: ${FULL_BDPM}`);
    ansm = await serveBdpm(FULL_BDPM);
  });

  afterAll(() => ansm.close());

  let cliDatabase: Record<string, string>;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'comptoir-update-'));
    cliDatabase = await databaseEnv(dataDir);
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const update = (args: string[] = [], env: Record<string, string> = {}) =>
    promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'src/medicines/cli/update.ts', ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          COMPTOIR_ENV: 'test',
          COMPTOIR_DATA_DIR: dataDir,
          COMPTOIR_REFERENTIAL_URL: ansm.url,
          ...cliDatabase,
          ...env,
        },
      },
    );

  it('downloads the BDPM from the configured address, imports it, and is a no-op the second time', async () => {
    const first = await update();
    expect(first.stdout).toContain(`downloading the BDPM from ${ansm.url}`);
    expect(first.stdout).toMatch(/CIS_bdpm\.txt\s+3\.2 MB/);
    expect(first.stdout).toMatch(/referential imported as version 1/);
    expect(first.stdout).toMatch(/counts: specialities 15848, presentations 20899, compositions 32389/);
    expect(ansm.requests).toEqual(expect.arrayContaining(['CIS_bdpm.txt', 'HAS_LiensPageCT_bdpm.txt']));
    expect(await activeVersion(dataDir)).toEqual({ id: 1, source: ansm.url, specialities: 15848 });

    const second = await update();
    expect(second.stdout).toMatch(/unchanged \(same content hash\), still version 1/);
  }, 120_000);

  it('keeps the active version when a downloaded file is not a BDPM file', async () => {
    await update();
    const broken = await serveBdpm(FULL_BDPM, {
      file: 'CIS_GENER_bdpm.txt',
      type: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html><title>Maintenance</title>',
    });
    try {
      const failed = await update(['--force', '--url', broken.url]).then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toMatch(
        /^referential:update: .*CIS_GENER_bdpm\.txt: an HTML page, not a BDPM file; nothing was imported\n$/,
      );
      expect(await activeVersion(dataDir)).toEqual({ id: 1, source: ansm.url, specialities: 15848 });
    } finally {
      await broken.close();
    }
  }, 120_000);

  it('refuses an unknown option', async () => {
    const failed = await update(['--urll', 'x']).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/^usage: referential:update/);
  }, 60_000);
});

describe('the daily refresh inside the service', () => {
  it('replaces the shipped subset with the downloaded BDPM while the counter keeps writing', async () => {
    const ansm = await serveBdpm(FULL_BDPM);
    const t = await startTestApp({
      overrides: { referential: { url: ansm.url, dailyRefresh: true, refreshAt: '04:30' } },
    });
    try {
      const referential = t.app.get(MedicinesReferential);
      expect(await referential.status()).toMatchObject({ source: 'shipped BDPM subset' });
      expect(await referential.findByCip13(AMIODARONE.cip13)).toBeUndefined();

      // Scans write their trail while the import's transaction runs: both go through.
      const refreshing = t.app.get(ReferentialRefresh).refreshNow();
      const scans = Array.from({ length: 5 }, () =>
        request(t.url)
          .post('/api/v1/scans')
          .set('Authorization', `Bearer ${TOKENS.counter1}`)
          .send({ data: '3400930091357', terminalId: 'counter-1' }),
      );
      const result = await refreshing;
      for (const s of await Promise.all(scans)) expect(s.status).toBe(201);

      expect(result).toMatchObject({ status: 'imported', counts: { specialities: 15848 } });
      expect(await referential.status()).toMatchObject({ source: ansm.url, versionId: result!.versionId });
      expect((await referential.findByCip13(AMIODARONE.cip13))?.speciality.cis).toBe(AMIODARONE.cis);
    } finally {
      await t.close();
      await ansm.close();
    }
  }, 120_000);

  it('keeps the active version and the service up when the download fails', async () => {
    const ansm = await serveBdpm(FULL_BDPM, {
      file: 'CIS_bdpm.txt',
      type: 'text/html',
      body: '<html></html>',
    });
    const t = await startTestApp({ overrides: { referential: { url: ansm.url } } });
    try {
      const before = await t.app.get(MedicinesReferential).status();
      expect(await t.app.get(ReferentialRefresh).refreshNow()).toBeUndefined();
      expect(await t.app.get(MedicinesReferential).status()).toEqual(before);
      await request(t.url).get('/health').expect(200);
    } finally {
      await t.close();
      await ansm.close();
    }
  }, 60_000);
});
