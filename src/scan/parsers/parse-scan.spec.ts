import { ScanException } from '../scan.exception';
import { MAX_SCAN_LENGTH, parseScan } from './index';

const GS = '\x1d';
const QR =
  '{"S":{"V":2},"D":{"ID":"202106180921110040","P":{"N":"GENE","P":"Alain","D":"1966-02-23"},' +
  '"M":{"RPPS":"99900038441","AM":"991118019"}}}';
const INS = `IS01${'0'.repeat(22)}2550814168025381.2.250.1.213.1.4.8${GS}MARIE${GS}DUPONT${GS}F15-08-195514168`;

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScanException) return err.code;
    throw err;
  }
  throw new Error('expected a ScanException');
}

describe('parseScan classification (one row of the table in index.ts each)', () => {
  it.each([
    ['1: JSON → prescription-qr', QR, 'prescription-qr'],
    ['2: IS01 → ins', INS, 'ins'],
    ['3: apCV prefix → apcv', 'APCV:opaque-payload', 'apcv'],
    ['4: GS1 symbology → pack', ']d20103400930091357', 'pack'],
    ['4: human-readable → pack', '(01)03400930091357', 'pack'],
    ['4: leading GS → pack', `${GS}0103400930091357`, 'pack'],
    ['4: digits and a GS → pack', `0103400930091357${GS}10A`, 'pack'],
    ['4: 01 + 14 digits → pack', '0103400930091357', 'pack'],
    ['5: 13 digits → product-code', '3400930091357', 'product-code'],
    ['6: 14 digits from 0 → pack', '03400930091357', 'pack'],
    ['7: 7 digits → product-code (cip7)', '3009135', 'product-code'],
    ['8: alphanumeric ID → prescription-id', '202106180921110040', 'prescription-id'],
  ])('row %s', (_row, data, kind) => {
    expect(parseScan(data, { referenceYear: 2026 }).kind).toBe(kind);
  });

  it.each([
    ['9: 8 digits (EAN-8)', '96385074'],
    ['9: a word', 'PARACETAMOL'],
    ['9: punctuation', 'hello world!'],
    ['9: empty', ''],
    ['9: blanks only', ' \r\n'],
    ['9: an AIM identifier alone', ']Q1'],
    ['9: a BOM before a QR', `\ufeff${QR}`],
  ])('row %s → UNKNOWN_CODE', (_row, data) => {
    expect(errorCode(() => parseScan(data))).toBe('UNKNOWN_CODE');
  });

  it('errors of the chosen kind are final (no falling back to another kind)', () => {
    expect(errorCode(() => parseScan('{"S":{"V":2}}'))).toBe('QR_MALFORMED');
    expect(errorCode(() => parseScan('IS02'))).toBe('INS_MALFORMED');
    expect(errorCode(() => parseScan('0103400930091358'))).toBe('GS1_CHECK_DIGIT');
    expect(errorCode(() => parseScan('03400930091358'))).toBe('GS1_CHECK_DIGIT');
  });

  it('a bare GTIN-14 is a pack with GTIN_WITHOUT_AI', () => {
    expect(parseScan('03400930091357')).toEqual({
      kind: 'pack',
      parsed: { gtin: '03400930091357', cip13: '3400930091357', ais: { '01': '03400930091357' } },
      warnings: ['GTIN_WITHOUT_AI'],
    });
  });

  it('ITF-14 (]I1) carries a bare GTIN, not an element string', () => {
    const scan = parseScan(']I103400930091357');
    expect(scan).toMatchObject({
      kind: 'pack',
      warnings: ['GTIN_WITHOUT_AI'],
      symbology: { symbology: 'itf' },
    });
  });

  it('strips surrounding blanks (scanner CR/LF suffix) around and after the AIM identifier', () => {
    expect(parseScan(' ]E03400930091357\r\n').kind).toBe('product-code');
    expect(parseScan('202106180921110040\n').parsed).toEqual({ prescriptionId: '202106180921110040' });
  });

  it('does not apply the FNC1 replacement inside a JSON QR', () => {
    const data = QR.replace('"Alain"', '"Al~ain"');
    expect(parseScan(data, { fnc1Replacement: '~' }).parsed).toMatchObject({
      patient: { firstName: 'Al~ain' },
    });
  });
});

describe('parseScan limits', () => {
  it(`accepts ${MAX_SCAN_LENGTH} characters and refuses one more with SCAN_TOO_LARGE, before parsing`, () => {
    expect(MAX_SCAN_LENGTH).toBe(4096);
    expect(errorCode(() => parseScan('1'.repeat(MAX_SCAN_LENGTH)))).toBe('UNKNOWN_CODE');
    expect(errorCode(() => parseScan('1'.repeat(MAX_SCAN_LENGTH + 1)))).toBe('SCAN_TOO_LARGE');
    expect(errorCode(() => parseScan(`${QR}${' '.repeat(MAX_SCAN_LENGTH)}`))).toBe('SCAN_TOO_LARGE');
  });

  it('SCAN_TOO_LARGE is a 413', () => {
    try {
      parseScan('x'.repeat(5000));
    } catch (err) {
      expect(err).toMatchObject({ code: 'SCAN_TOO_LARGE', status: 413 });
    }
    expect.assertions(1);
  });

  it('does not echo unrecognised data in the error detail', () => {
    try {
      parseScan('SECRET-PATIENT-NAME');
    } catch (err) {
      expect((err as Error).message).not.toContain('SECRET');
    }
    expect.assertions(1);
  });
});

describe('apcv', () => {
  it('is recognised only by a prefix, and kept whole', () => {
    expect(parseScan('APCV:AbC123==')).toEqual({
      kind: 'apcv',
      parsed: { raw: 'APCV:AbC123==' },
      warnings: [],
    });
  });

  it('takes configured prefixes instead of the default', () => {
    const options = { apcvPrefixes: ['https://apcv.example/'] };
    expect(parseScan('https://apcv.example/q?x=1', options).kind).toBe('apcv');
    expect(errorCode(() => parseScan('APCV:AbC', options))).toBe('UNKNOWN_CODE');
  });

  it.each([
    ['a prefix with no payload', 'APCV:'],
    ['a control character', 'APCV:ab\u0000c'],
    ['lower-case prefix', 'apcv:abc'],
  ])('refuses %s with UNKNOWN_CODE', (_what, data) => {
    expect(errorCode(() => parseScan(data))).toBe('UNKNOWN_CODE');
  });

  it('does not swallow other kinds', () => {
    expect(parseScan(QR, { apcvPrefixes: ['{'] }).kind).toBe('prescription-qr');
    expect(parseScan(INS, { apcvPrefixes: ['IS'] }).kind).toBe('ins');
  });
});
