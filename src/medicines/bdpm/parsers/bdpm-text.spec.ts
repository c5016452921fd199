import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'iconv-lite';
import { decodeBdpm, detectEncoding, splitBdpmLines } from './bdpm-text';

const subset = join(__dirname, '../../data/bdpm-subset');

describe('decodeBdpm: one encoding per file (data/bdpm/README.md)', () => {
  it.each([
    ['CIS_bdpm.txt', 'windows-1252'],
    ['CIS_CIP_bdpm.txt', 'utf-8'],
    ['CIS_COMPO_bdpm.txt', 'windows-1252'],
    ['CIS_GENER_bdpm.txt', 'windows-1252'],
    ['CIS_CPD_bdpm.txt', 'windows-1252'],
    ['CIS_MITM.txt', 'windows-1252'],
    ['CIS_CIP_Dispo_Spec.txt', 'windows-1252'],
    ['HAS_LiensPageCT_bdpm.txt', 'utf-8'],
  ])('%s of the shipped subset is %s, and decodes without replacement characters', (file, encoding) => {
    const { text, encoding: found } = decodeBdpm(readFileSync(join(subset, file)));
    expect(found).toBe(encoding);
    expect(text).not.toMatch(/[\ufffd\u0080-\u009f]|Ã©/);
  });

  it('reads 0x92 and 0x96 as ’ and – (windows-1252, not ISO-8859-1)', () => {
    const bytes = encode('GROUPE – l’exemple', 'windows-1252');
    expect([...bytes].filter((b) => b >= 0x80)).toEqual([0x96, 0x92]);
    expect(decodeBdpm(bytes).text).toBe('GROUPE – l’exemple');
  });

  it('takes valid UTF-8 as UTF-8 and drops a BOM', () => {
    expect(detectEncoding(Buffer.from('comprimé', 'utf8'))).toBe('utf-8');
    expect(decodeBdpm(Buffer.from('\ufeffcomprimé', 'utf8')).text).toBe('comprimé');
  });
});

describe('splitBdpmLines', () => {
  it('ends lines at LF, CRLF and CR CR LF, skips blank lines, keeps file line numbers', () => {
    expect(splitBdpmLines('a\tb\r\nc\r\r\n\r\r\nd\ne').map((l) => [l.line, l.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['c']],
      [4, ['d']],
      [5, ['e']],
    ]);
  });

  it('keeps empty trailing cells (CIS_CIP_bdpm.txt ends rows with a tab)', () => {
    expect(splitBdpmLines('a\tb\t\n')[0].cells).toEqual(['a', 'b', '']);
  });
});
