import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanException } from '../scan.exception';
import { parseScan } from './index';
import { isPrescriptionId, parsePrescriptionId } from './prescription-id.parser';
import { parsePrescriptionQr } from './prescription-qr.parser';

interface QrCase {
  name: string;
  data: string;
  kind?: string;
  expected?: unknown;
  warnings?: string[];
  error?: string;
}
const qr = JSON.parse(
  readFileSync(join(__dirname, '../../../test/fixtures/scans/prescription-qr.json'), 'utf8'),
).cases as QrCase[];

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScanException) return err.code;
    throw err;
  }
  throw new Error('expected a ScanException');
}

describe('prescription-qr (test/fixtures/scans/prescription-qr.json)', () => {
  it.each(qr.filter((c) => !c.error).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const scan = parseScan(c.data);
    expect(scan.kind).toBe(c.kind ?? 'prescription-qr');
    expect(scan.parsed).toEqual(c.expected);
    expect(scan.warnings).toEqual(c.warnings);
  });

  it.each(qr.filter((c) => c.error).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(errorCode(() => parseScan(c.data))).toBe(c.error);
  });

  it('keeps a __proto__ key as plain data, without touching any prototype', () => {
    const data =
      '{"__proto__":{"polluted":1},"S":{"V":2},"D":{"ID":"202106180921110040","P":{"N":"GENE","P":"Alain",' +
      '"D":"1966-02-23"},"M":{"RPPS":"99900038441","__proto__":{"x":2}}}}';
    const scan = parsePrescriptionQr(data);
    expect(scan.kind).toBe('prescription-qr');
    const extra = (scan.parsed as { extra?: Record<string, unknown> }).extra!;
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    expect(Object.keys(extra).sort()).toEqual(['D.M.__proto__', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('with a QR symbology identifier, keeps it', () => {
    const scan = parseScan(`]Q1${qr[0].data}`);
    expect(scan.kind).toBe('prescription-qr');
    expect(scan.symbology?.symbology).toBe('qr');
  });

  it('parsePrescriptionQr refuses what is not JSON', () => {
    expect(errorCode(() => parsePrescriptionQr('202106180921110040'))).toBe('QR_MALFORMED');
  });
});

describe('prescription-id', () => {
  it.each([
    '202106180921110040', // 18 digits, as printed under the QR
    '2026112014301200001',
    'AB12CD34EF',
    '1234567890',
    '12345678901234567890123456789012345678AB', // 40
    '1234567890123456', // 16 digits
    '23400930091357', // 14 digits not starting 0
  ])('%s', (id) => {
    expect(parseScan(id)).toEqual({ kind: 'prescription-id', parsed: { prescriptionId: id }, warnings: [] });
  });

  it.each([
    ['3400930091357', false], // 13 digits: a product code
    ['03400930091357', false], // 14 digits from 0: a GTIN
    ['010340093009135710A', false], // a concatenated GS1 string
    ['3009135', false], // CIP7
    ['123456789', false], // too short
    ['12345678901234567890123456789012345678901', false], // 41
    ['ABCDEFGHIJKL', false], // no digit
    ['20210618-0921', false],
    ['2021061809211100é0', false],
  ])('isPrescriptionId(%j) → %s', (id, ok) => {
    expect(isPrescriptionId(id)).toBe(ok);
  });

  it('parsePrescriptionId refuses a non-ID with UNKNOWN_CODE', () => {
    expect(errorCode(() => parsePrescriptionId('3400930091357'))).toBe('UNKNOWN_CODE');
    expect(parsePrescriptionId('202106180921110040')).toEqual({ prescriptionId: '202106180921110040' });
  });
});
