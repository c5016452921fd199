import { splitBdpmLines } from './bdpm-text';
import { parseCisCipFile } from './cis-cip.parser';

// Real lines of CIS_CIP_bdpm.txt (ANSM BDPM, May 2026, Licence Ouverte): UTF-8, LF, a tab after column 13.
const lines = (...texts: string[]) => splitBdpmLines(texts.join('\n') + '\n');
const cip = (cols: string[]) => cols.join('\t');

describe('CIS_CIP_bdpm.txt', () => {
  const base = [
    '66511789',
    '3000884',
    'plaquette(s) PVC PVDC aluminium de 14 comprimé(s)',
    'Présentation active',
  ];
  const declared = ['Déclaration de commercialisation', '22/09/2017', '3400930008843', 'oui'];
  it.each([
    ['a reimbursed box', [...base, ...declared, '65%', '4,09', '5,11', '1,02', ''], [65], 409, 511, 102, []],
    [
      'a thousands separator (README: 1,466,29)',
      [
        '60025054',
        '2784980',
        'plaquette(s) de 90 comprimé(s)',
        'Présentation active',
        'Déclaration de commercialisation',
        '24/06/2014',
        '3400927849800',
        'oui',
        '30%',
        '1,466,29',
        '1,469,05',
        '2,76',
        '',
      ],
      [30],
      146629,
      146905,
      276,
      [],
    ],
    [
      'a shifted row: the fee in column 11 (README: 3400930284322)',
      [
        '63820563',
        '3028432',
        '1 flacon PEHD de 30 comprimés',
        'Présentation active',
        'Déclaration de commercialisation',
        '27/05/2025',
        '3400930284322',
        'non',
        '30 %',
        '13,91',
        '1,02',
        '',
        '',
      ],
      [30],
      1391,
      1493,
      102,
      ['fee found in the public-price column (shifted row): public price = price + fee'],
    ],
    ['not reimbursed', [...base, ...declared, '', '', '', '', ''], [], undefined, undefined, undefined, []],
  ])('%s', (_, cols, rates, price, pub, fee, warnings) => {
    const parsed = parseCisCipFile(lines(cip(cols as string[])));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.warnings.map((w) => w.message)).toEqual(warnings);
    expect(parsed.rows[0]).toMatchObject({ rates, priceCents: price, publicPriceCents: pub, feeCents: fee });
  });

  it('reads the UTF-8 line with its trailing tab and keeps the codes', () => {
    expect(
      parseCisCipFile(lines(cip([...base, ...declared, '65%', '4,09', '5,11', '1,02', '']))).rows[0],
    ).toEqual({
      line: 1,
      cis: '66511789',
      cip7: '3000884',
      cip13: '3400930008843',
      label: 'plaquette(s) PVC PVDC aluminium de 14 comprimé(s)',
      status: 'Présentation active',
      marketingState: 'Déclaration de commercialisation',
      declaredOn: '2017-09-22',
      collectivities: true,
      rates: [65],
      priceCents: 409,
      publicPriceCents: 511,
      feeCents: 102,
      reimbursementText: undefined,
    });
  });

  it('keeps a row with the 29/11/2924 typo, date left empty and reported', () => {
    const row = [
      '66338465',
      '5509789',
      '1 flacon en verre de 5 mL',
      'Présentation active',
      'Déclaration de commercialisation',
      '29/11/2924',
      '3400955097891',
      'oui',
      '',
      '',
      '',
      '',
      '',
    ];
    const parsed = parseCisCipFile(lines(cip(row)));
    expect([parsed.rows[0].declaredOn, parsed.warnings[0].message]).toEqual([
      undefined,
      'declaration date "29/11/2924" is not a plausible date; left empty',
    ]);
  });

  it.each([
    [
      [...base, 'Déclaration de commercialisation', '22/09/2017', '3400930008844', 'oui', '65%'],
      'CIP13 "3400930008844" is not 13 digits with a valid check digit',
    ],
    [[...base, ...declared, '65 pour cent'], 'taux de remboursement "65 pour cent" is not a rate'],
    [[...base, ...declared, '65%', '4.09.1'], 'price column 10 "4.09.1" is not an amount in euros'],
    [['66511789', '300088', ...base.slice(2), ...declared], 'CIP7 "300088" is not 7 digits'],
  ])('rejects %j', (cols, reason) => {
    expect(parseCisCipFile(lines(cip(cols))).rejected.map((r) => r.reason)).toEqual([reason]);
  });
});
