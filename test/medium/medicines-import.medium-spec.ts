import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { BdpmImporter } from '../../src/medicines/bdpm/bdpm-importer';
import { BdpmReferential } from '../../src/medicines/bdpm/bdpm.referential';
import { ReferentialCache } from '../../src/medicines/bdpm/referential-cache';
import { SqlRowReader } from '../../src/medicines/bdpm/sql-row-reader';
import { MEDICINES_ENTITIES } from '../../src/medicines/entities';
import { SHIPPED_SUBSET_DIR } from '../../src/medicines/medicines.bootstrap';
import { MedicinesReferential } from '../../src/medicines/medicines-referential.port';
import {
  databaseEnv,
  failInserts,
  dropTrigger,
  openTestDatabase,
  TestDatabase,
  testEngine,
} from '../support/database';
import { startTestApp } from '../support/test-app';

const root = join(__dirname, '../..');
const FULL_BDPM = join(root, '../shared/data/bdpm');
const TABLES = [
  'medicines_specialities',
  'medicines_presentations',
  'medicines_compositions',
  'medicines_generic_members',
];

describe(`medicines referential on a real ${testEngine()} database`, () => {
  let dir: string;
  let t: TestDatabase;
  let ds: DataSource;
  let importer: BdpmImporter;

  beforeEach(async () => {
    t = await openTestDatabase(MEDICINES_ENTITIES);
    dir = t.dataDir;
    ds = t.ds;
    importer = new BdpmImporter(ds);
  });

  afterEach(async () => {
    await t.close();
  });

  const activeVersions = async () =>
    (await t.sql<{ id: number }>(`SELECT "id" FROM "medicines_versions" WHERE "active" = ?`, [true])).map(
      (r) => Number(r.id),
    );
  const rowsByVersion = async (table: string) =>
    (
      await t.sql<{ versionId: number; n: number }>(
        `SELECT "versionId", COUNT(*) AS "n" FROM "${table}" GROUP BY "versionId"`,
      )
    ).map((r) => ({ versionId: Number(r.versionId), n: Number(r.n) }));

  /** A copy of the shipped subset with one file's text changed (decoded and encoded as the original). */
  function brokenCopy(
    file: string,
    change: (text: string) => string,
    encoding: BufferEncoding = 'latin1',
  ): string {
    const copy = mkdtempSync(join(dir, 'bdpm-'));
    cpSync(SHIPPED_SUBSET_DIR, copy, { recursive: true });
    writeFileSync(join(copy, file), Buffer.from(change(readFileSync(join(copy, file), encoding)), encoding));
    return copy;
  }

  it('imports the shipped subset, and the look-ups return the right speciality, group and substances', async () => {
    const result = await importer.importDirectory(SHIPPED_SUBSET_DIR);
    expect(result).toMatchObject({
      status: 'imported',
      counts: { specialities: 310, presentations: 468, rejected: 3 },
    });
    const referential = new BdpmReferential(t.db);
    expect(await referential.load()).toBe(true);

    // AMOXICILLINE BIOGARAN 1 g (demo seed): a generic of CLAMOXYL 1 g, group 150.
    const amox = await referential.findByCip13('3400930008843');
    expect(amox?.speciality).toMatchObject({
      cis: '66511789',
      conditions: { list: 'I' },
      mitm: { atc: 'J01CA04' },
    });
    expect(amox?.speciality.genericGroups.map((g) => [g.groupId, g.type])).toEqual([[150, 'generic']]);
    expect((await referential.findByGtin('03400930008843'))?.presentation.cip13).toBe('3400930008843');
    expect((await referential.findByCip7('3000884'))?.presentation.cip13).toBe('3400930008843');
    expect((await referential.sharedGenericGroup('66511789', '64539416'))?.id).toBe(150);
    expect(await referential.sharedGenericGroup('66511789', '67707794')).toBeUndefined();
    const alternatives = await referential.findGroupAlternatives('66511789');
    expect(alternatives).toContainEqual(
      expect.objectContaining({ cis: '64539416', type: 'princeps', groupId: 150 }),
    );
    expect(alternatives.map((a) => a.cis)).not.toContain('66511789');

    // AUGMENTIN 500 mg/62,5 mg: two links, each counted by its fraction thérapeutique.
    const augmentin = await referential.findSpeciality('63565244');
    expect(augmentin?.substances.map((s) => [s.name, s.dosage, s.nature, s.salt?.name])).toEqual([
      ['AMOXICILLINE ANHYDRE', '500 mg', 'FT', 'AMOXICILLINE TRIHYDRATÉE'],
      ['ACIDE CLAVULANIQUE', '62,5 mg', 'FT', 'CLAVULANATE DE POTASSIUM'],
    ]);

    // LEVOTHYROX 100 µg (MTE), in the demo seeds; DOLIPRANE 1000 mg gélule found by its DC.
    expect((await referential.findByCip13('3400930065891'))?.speciality.name).toBe(
      'LEVOTHYROX 100 microgrammes, comprimé sécable',
    );
    const dc = await referential.searchByDc({ substance: 'PARACÉTAMOL', strength: '1 g', form: 'gélule' });
    expect(dc.map((m) => m.presentation.cip13)).toContain('3400941533969');
    expect(await referential.matchDc('69309629', { substance: 'paracétamol', strength: '1000 mg' })).toBe(
      'same',
    );
    expect(await referential.findByCip13('3400900000000')).toBeUndefined();
    expect(await referential.status()).toMatchObject({
      versionId: result.versionId,
      contentHash: result.contentHash,
    });
    expect(await referential.warmAll()).toBe(310);
  });

  it('builds the same objects whether a version is read per CIS from the database or whole into memory', async () => {
    const { versionId } = await importer.importDirectory(SHIPPED_SUBSET_DIR);
    const perCis = new ReferentialCache(await new SqlRowReader(t.db.reader, versionId).init());
    const whole = new ReferentialCache(await SqlRowReader.readAll(t.db.reader, versionId));
    for (const cis of ['66511789', '63565244', '68416845', '61227030', '60010885', '67876901', '60247507']) {
      expect(await perCis.speciality(cis)).toEqual(await whole.speciality(cis));
      expect(await perCis.presentations(cis)).toEqual(await whole.presentations(cis));
    }
    expect(await perCis.group(150)).toEqual(await whole.group(150));
    expect((await perCis.cisWithMoiety('paracetamol')).sort()).toEqual(
      (await whole.cisWithMoiety('paracetamol')).sort(),
    );
  });

  it('re-imports the same files as a no-op, and replaces the version when forced', async () => {
    const first = await importer.importDirectory(SHIPPED_SUBSET_DIR);
    const again = await importer.importDirectory(SHIPPED_SUBSET_DIR);
    expect([again.status, again.versionId, again.contentHash]).toEqual([
      'unchanged',
      first.versionId,
      first.contentHash,
    ]);
    const forced = await importer.importDirectory(SHIPPED_SUBSET_DIR, { force: true });
    expect(forced).toMatchObject({
      status: 'imported',
      contentHash: first.contentHash,
      counts: first.counts,
    });
    expect(await activeVersions()).toEqual([forced.versionId]);
    for (const table of TABLES) {
      expect((await rowsByVersion(table)).map((r) => r.versionId)).toEqual([forced.versionId]);
    }
  });

  it('reports broken rows with their reasons instead of failing', async () => {
    const copy = brokenCopy(
      'CIS_CIP_bdpm.txt',
      (text) =>
        text
          .replace('\t3400930008843\t', '\t3400930008844\t')
          .replace('\t65%\t4,09\t', '\t65%\t4;09\t')
          .concat('not a BDPM line\n', '66511789\ttruncated\n'),
      'utf8',
    );
    const result = await importer.importDirectory(copy);
    expect(result.status).toBe('imported');
    expect(result.report.rejected.filter((r) => r.file === 'CIS_CIP_bdpm.txt').map((r) => r.reason)).toEqual(
      expect.arrayContaining([
        'CIP13 "3400930008844" is not 13 digits with a valid check digit',
        expect.stringMatching(/^price column 10 "4;09" is not an amount/),
        'expected 13 columns, found 1',
        'expected 13 columns, found 2',
      ]),
    );
    expect(result.counts.presentations).toBeGreaterThan(300);
  });

  it('leaves the previous version active when an import fails while writing', async () => {
    const first = await importer.importDirectory(SHIPPED_SUBSET_DIR);
    const before = await Promise.all(TABLES.map(rowsByVersion));
    // A real write failure half-way through the transaction: inserts into one late table abort.
    await failInserts(t, 'fail_mitm', 'medicines_mitm', 'disk on fire');
    await expect(importer.importDirectory(SHIPPED_SUBSET_DIR, { force: true })).rejects.toMatchObject({
      code: 'REFERENTIAL_IMPORT_FAILED',
      message: expect.stringContaining('disk on fire'),
    });
    await dropTrigger(t, 'fail_mitm');
    expect(await activeVersions()).toEqual([first.versionId]);
    expect(await Promise.all(TABLES.map(rowsByVersion))).toEqual(before);
    const referential = new BdpmReferential(t.db);
    await referential.load();
    expect((await referential.findByCip13('3400930008843'))?.speciality.cis).toBe('66511789');
  });

  it('refuses files with no usable speciality, keeping the active version', async () => {
    const first = await importer.importDirectory(SHIPPED_SUBSET_DIR);
    const copy = brokenCopy('CIS_bdpm.txt', (text) => text.replace(/^\d{8}\t/gm, 'XXXXXXXX\t'));
    await expect(importer.importDirectory(copy)).rejects.toMatchObject({
      code: 'REFERENTIAL_IMPORT_INVALID',
    });
    expect(await activeVersions()).toEqual([first.versionId]);
  });

  // CI always has ../shared beside the clone; a missing copy fails here rather than skipping in silence.
  // The import's time is a bench figure (npm run bench -- medicines), not asserted here.
  it('imports the full BDPM of ../shared/data/bdpm', async () => {
    expect(existsSync(FULL_BDPM)).toBe(true);
    const result = await importer.importDirectory(FULL_BDPM);
    expect(result.counts).toMatchObject({ specialities: 15848, presentations: 20899, compositions: 32389 });
    expect(result.report.rejected).toHaveLength(33);
    // A version this size is read per CIS from SQLite (SqlRowReader), not loaded whole.
    const referential = new BdpmReferential(t.db);
    await referential.load();
    const clamoxyl = await referential.findByCip13('3400934171727');
    expect(clamoxyl?.speciality.name).toBe('CLAMOXYL 1 g, comprimé dispersible');
    expect(clamoxyl?.speciality.genericGroups.map((g) => [g.groupId, g.type])).toEqual([[150, 'princeps']]);
    expect((await referential.findGroupAlternatives('64539416')).map((m) => m.cis)).toContain('66511789');
    expect((await referential.findByCip7('3417172'))?.presentation.cip13).toBe('3400934171727');
    const dc = await referential.searchByDc({ substance: 'PARACÉTAMOL', strength: '1 g', form: 'gélule' });
    expect(dc.map((m) => m.speciality.cis)).toContain('69309629');
    expect(await referential.findByCip13('3400900000000')).toBeUndefined();
  }, 60_000);
});

describe('the service and the CLI', () => {
  it('imports the shipped subset at first start, and not again at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-med-app-'));
    try {
      const first = await startTestApp({ keepDataDir: dataDir });
      const status = await first.app.get(MedicinesReferential).status();
      await first.close();
      expect(status).toMatchObject({ source: 'shipped BDPM subset', counts: { specialities: 310 } });
      const second = await startTestApp({ keepDataDir: dataDir });
      const product = await second.app.get(MedicinesReferential).findByCip13('3400930065891');
      expect((await second.app.get(MedicinesReferential).status()).versionId).toBe(status.versionId);
      await second.close();
      expect(product?.speciality.cis).toBe('68416845');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('imports a directory from the command line and prints counts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-med-cli-'));
    const cliDatabase = await databaseEnv(dataDir);
    try {
      const run = () =>
        promisify(execFile)(
          process.execPath,
          ['-r', '@swc-node/register', 'src/medicines/cli/import.ts', SHIPPED_SUBSET_DIR],
          {
            cwd: root,
            env: { ...process.env, COMPTOIR_ENV: 'test', COMPTOIR_DATA_DIR: dataDir, ...cliDatabase },
          },
        );
      const { stdout } = await run();
      expect(stdout).toMatch(/referential imported as version 1/);
      expect(stdout).toMatch(/counts: specialities 310, presentations 468/);
      expect(stdout).toMatch(/1 × CIS_CIP_bdpm.txt: CIS n is not in CIS_bdpm.txt/);
      expect((await run()).stdout).toMatch(/unchanged \(same content hash\), still version 1/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
