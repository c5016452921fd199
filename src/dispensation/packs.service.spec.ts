import { parseScan } from '../scan/parsers';
import { packCodes } from './packs.service';

const GS = '\u001d';

// What a box's barcode gives the dispensation: a CIP13 for a medicine, the bare code otherwise (§4 of the research).
const CASES: [string, string, ReturnType<typeof packCodes>][] = [
  [
    'GS1 DataMatrix of a medicine (GTIN 0 + CIP13)',
    `]d201034009300088431730123110LOT1${GS}21SER1`,
    { cip13: '3400930008843', expiry: '2030-12-31', lot: 'LOT1', serial: 'SER1' },
  ],
  ['GS1 of an ACL13 product', `]d20103401560000009${GS}10L2`, { code: '3401560000009', lot: 'L2' }],
  [
    'GS1 of another GTIN-14',
    ']d201054000000000031730063010L',
    { code: '5400000000003', expiry: '2030-06-30', lot: 'L' },
  ],
  ['CIP13 barcode', '3400930008843', { cip13: '3400930008843' }],
  ['CIP7', '3000884', { cip13: '3400930008843' }],
  ['ACL13 barcode', '3401500001233', { code: '3401500001233' }],
  ['a prescription ID is no pack', '202611200930000001', undefined],
];

describe('packCodes', () => {
  it.each(CASES)('%s', (_, data, expected) => {
    expect(packCodes(parseScan(data, { referenceYear: 2026 }))).toEqual(expected);
  });
});
