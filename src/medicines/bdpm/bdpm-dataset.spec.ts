import { join } from 'node:path';
import { contentHash, parseBdpmFiles } from './bdpm-dataset';
import { readBdpmDirectory } from './bdpm-importer';

const subset = join(__dirname, '../data/bdpm-subset');

describe('parseBdpmFiles on the shipped subset', () => {
  let parsed: Awaited<ReturnType<typeof parseBdpmFiles>>;
  let files: Map<string, Uint8Array>;

  beforeAll(async () => {
    files = await readBdpmDirectory(subset);
    parsed = await parseBdpmFiles(files);
  });

  it('decodes each file with its own encoding', () => {
    expect(Object.fromEntries(parsed.report.files.map((f) => [f.file, f.encoding]))).toEqual({
      'CIS_bdpm.txt': 'windows-1252',
      'CIS_CIP_bdpm.txt': 'utf-8',
      'CIS_COMPO_bdpm.txt': 'windows-1252',
      'CIS_GENER_bdpm.txt': 'windows-1252',
      'CIS_CPD_bdpm.txt': 'windows-1252',
      'CIS_MITM.txt': 'windows-1252',
      'CIS_CIP_Dispo_Spec.txt': 'windows-1252',
      'HAS_LiensPageCT_bdpm.txt': 'utf-8',
    });
  });

  it('rejects orphan codes and duplicate rows with their reasons, never throws', () => {
    expect(parsed.report.rejected.map((r) => [r.file, r.reason])).toEqual([
      ['CIS_CIP_bdpm.txt', 'CIS 62969013 is not in CIS_bdpm.txt'],
      ['CIS_CIP_Dispo_Spec.txt', 'CIS 65381773 is not in CIS_bdpm.txt'],
      ['CIS_CIP_Dispo_Spec.txt', 'same row already seen'],
    ]);
  });

  it('repairs the shifted price rows and reports the 2924 date', () => {
    expect(parsed.report.warnings.map((w) => w.message).sort()).toEqual([
      'declaration date "29/11/2924" is not a plausible date; left empty',
      'fee found in the public-price column (shifted row): public price = price + fee',
      'fee found in the public-price column (shifted row): public price = price + fee',
    ]);
    const shifted = parsed.dataset.presentations.find((p) => p.cip13 === '3400930284322');
    expect([shifted?.priceCents, shifted?.feeCents, shifted?.publicPriceCents]).toEqual([1391, 102, 1493]);
    const big = parsed.dataset.presentations.find((p) => p.cip13 === '3400927849800');
    expect(big?.priceCents).toBe(146629);
  });

  it('keeps generic-group members absent from CIS_bdpm.txt, and says how many', () => {
    expect(parsed.report.notes).toEqual([
      expect.stringMatching(/^\d+ generic-group members kept although absent/),
    ]);
  });

  it('stores the pack content and the moiety with each row', () => {
    expect(parsed.dataset.presentations.find((p) => p.cip13 === '3400930065891')).toMatchObject({
      packUnits: 30,
      packUnit: 'comprimé',
      packConfidence: 'high',
      rates: '65',
    });
    expect(parsed.dataset.compositions.find((c) => c.cis === '61227030')?.moietyKey).toBe('morphine');
  });

  it('hashes content: the same bytes give the same hash, one byte more another', () => {
    const again = new Map(files);
    expect(contentHash(again)).toBe(contentHash(files));
    again.set('CIS_MITM.txt', Buffer.concat([files.get('CIS_MITM.txt')!, Buffer.from('\r\n')]));
    expect(contentHash(again)).not.toBe(contentHash(files));
  });
});

describe('readBdpmDirectory', () => {
  it('names the missing files', async () => {
    await expect(readBdpmDirectory(__dirname)).rejects.toMatchObject({
      code: 'REFERENTIAL_FILES_MISSING',
      message: expect.stringContaining('CIS_bdpm.txt, CIS_CIP_bdpm.txt'),
    });
  });
});
