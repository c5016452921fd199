import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanException } from '../scan.exception';
import { parseScan } from './index';
import { parseProductCode } from './product-code.parser';

const bdpm = JSON.parse(
  readFileSync(join(__dirname, '../../../test/fixtures/scans/bdpm-presentations.json'), 'utf8'),
).rows as { cip7: string; cip13: string; label: string }[];

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScanException) return err.code;
    throw err;
  }
  throw new Error('expected a ScanException');
}

/** The same code with its last digit changed, so the check digit no longer matches. */
const flipLast = (code: string): string => code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);

describe('product-code: real BDPM presentations', () => {
  it.each(bdpm.map((p) => [p.cip13, p.label] as const))('CIP13 %s (%s)', (cip13) => {
    expect(parseScan(cip13)).toEqual({
      kind: 'product-code',
      parsed: { code: cip13, codeType: 'cip13', cip13 },
      warnings: [],
    });
  });

  it.each(bdpm.map((p) => [p.cip7, p.cip13] as const))('CIP7 %s → CIP13 %s', (cip7, cip13) => {
    expect(parseScan(cip7).parsed).toEqual({ code: cip7, codeType: 'cip7', cip13 });
  });

  it.each(bdpm.map((p) => [flipLast(p.cip13)] as const))(
    '%s (check digit changed) is EAN_CHECK_DIGIT',
    (code) => {
      expect(errorCode(() => parseScan(code))).toBe('EAN_CHECK_DIGIT');
    },
  );
});

describe('product-code: EAN-13 families', () => {
  it.each([
    ['3401560000009', 'acl13'], // ACL13: parapharmacy / devices, no CIP13
    ['4006381333931', 'ean13'], // a German EAN-13
    ['3017620422003', 'ean13'], // a French food EAN (300–379), not a health code
  ])('%s → %s', (code, codeType) => {
    expect(parseScan(code).parsed).toEqual({ code, codeType });
  });

  it('an EAN-13 with its AIM identifier ]E0 keeps the symbology', () => {
    const scan = parseScan(']E03400930091357');
    expect(scan.kind).toBe('product-code');
    expect(scan.symbology).toEqual({ id: ']E0', symbology: 'ean13', gs1: false });
  });

  it.each(['3401560000008', '4006381333932', '3400930091350'])('%s is EAN_CHECK_DIGIT', (code) => {
    expect(errorCode(() => parseScan(code))).toBe('EAN_CHECK_DIGIT');
  });

  it.each(['', '340093009135', '34009300913577', 'ABCDEFGHIJKLM', '300913'])(
    'parseProductCode(%j) is UNKNOWN_CODE',
    (data) => {
      expect(errorCode(() => parseProductCode(data))).toBe('UNKNOWN_CODE');
    },
  );
});
