import fc from 'fast-check';
import { BackOfficeException } from '../back-office.exception';
import { euroCents, parseDay, parseRejectionCsv } from './rejection-csv.parser';
import { checkRejectionInput } from './rejection-input';

const HEADER = 'fseNumber;rejectionCode;label;date;amountCents';
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

/** 'ok' or the typed error's code; every row it yields also goes through the POST body's rules without throwing. */
function invalidCode(input: string | Uint8Array): string {
  try {
    for (const row of parseRejectionCsv(input).rows) checkRejectionInput(row.fields);
  } catch (err) {
    if (err instanceof BackOfficeException) return err.code;
    throw err;
  }
  return 'ok';
}

describe('parseRejectionCsv', () => {
  it.each([
    ['semicolons, LF', `${HEADER}\n000123;0009-816;ALD INCONNUE;2026-11-28;216\n`],
    ['CRLF and a BOM', `\uFEFF${HEADER}\r\n000123;0009-816;ALD INCONNUE;2026-11-28;216\r\n`],
    ['commas', `${HEADER.replaceAll(';', ',')}\n000123,0009-816,ALD INCONNUE,2026-11-28,216`],
    ['tabs', `${HEADER.replaceAll(';', '\t')}\n000123\t0009-816\tALD INCONNUE\t2026-11-28\t216`],
    ['French date, quoted label', `${HEADER}\n000123;0009-816;"ALD INCONNUE";28/11/2026;216`],
    [
      'columns in another order',
      `date;label;amountCents;rejectionCode;fseNumber\n2026-11-28;ALD INCONNUE;216;0009-816;000123`,
    ],
    [
      'French header names',
      `N° FSE;Code rejet;Libellé;Date;Montant\n000123;0009-816;ALD INCONNUE;2026-11-28;"2,16"`,
    ],
  ])('reads %s', (_, text) => {
    const csv = parseRejectionCsv(text);
    expect([csv.lines, csv.invalid]).toEqual([1, []]);
    expect(csv.rows.map(({ line, fields }) => ({ line, fields }))).toEqual([
      {
        line: 2,
        fields: {
          fseNumber: '000123',
          rejectionCode: '0009-816',
          label: 'ALD INCONNUE',
          receivedAt: '2026-11-28',
          amountCents: 216,
        },
      },
    ]);
  });

  it("names each field's column as the header row writes it", () => {
    const csv = parseRejectionCsv(
      `N° FSE;Code rejet;Libellé;Date rejet;Montant\n000123;0009-816;ALD INCONNUE;2026-11-28;"2,16"`,
    );
    expect(csv.rows[0].columns).toEqual({
      fseNumber: 'N° FSE',
      rejectionCode: 'Code rejet',
      label: 'Libellé',
      receivedAt: 'Date rejet',
      amountCents: 'Montant',
    });
  });

  it('keeps separators, quotes and line breaks inside quoted fields; counts physical lines', () => {
    const text = `${HEADER}\n1;A1;"a ""quoted"";\nlabel";2026-11-28;\n\n2;A2;plain;2026-11-29T08:00:00+01:00;5\n`;
    const csv = parseRejectionCsv(text);
    expect(csv.lines).toBe(2);
    expect(csv.rows.map((r) => [r.line, r.fields.label, r.fields.receivedAt, r.fields.amountCents])).toEqual([
      [2, 'a "quoted";\nlabel', '2026-11-28', undefined],
      [5, 'plain', '2026-11-29T08:00:00+01:00', 5],
    ]);
  });

  it('decodes Windows-1252 bytes when they are not UTF-8', () => {
    const bytes = Buffer.from(`${HEADER}\n1;X;PIÈCE JUSTIFICATIVE ABSENTE;2026-11-28;`, 'latin1');
    expect(parseRejectionCsv(bytes).rows[0].fields.label).toBe('PIÈCE JUSTIFICATIVE ABSENTE');
  });

  it('reports bad lines and keeps the good ones', () => {
    const text = [
      HEADER,
      '1;A;ok;2026-11-28;1',
      '2;A;bad date;2026-02-30;1',
      '3;A;;2026-11-28;1',
      '4;A;too many;2026-11-28;1;x',
      '5;A;bad amount;2026-11-28;12,5',
      '6;A;short',
      '7;A;trailing separator;2026-11-28;1;',
    ].join('\n');
    const csv = parseRejectionCsv(text);
    expect(csv.lines).toBe(7);
    expect(csv.rows.map((r) => r.line)).toEqual([2, 8]);
    expect(csv.invalid.map((i) => i.line)).toEqual([3, 4, 5, 6, 7]);
    expect(csv.invalid[1].error.fr).toBe('La colonne « label » est vide');
    expect(csv.invalid[1].error.en).toBe('label is empty');
  });

  it("says what is wrong in French (English on request), naming the file's columns as it writes them", () => {
    const header = 'N° FSE;Code rejet;Libellé;Date rejet;Montant';
    const csv = parseRejectionCsv(
      [
        header,
        '1;A;;2026-11-28;1',
        '2;A;x;2026-02-30;1',
        '3;A;x;2026-11-28;12,345',
        '4 5;A;x;2026-11-28;1',
      ].join('\n'),
    );
    expect(csv.invalid.map((i) => i.error.fr)).toEqual([
      'La colonne « Libellé » est vide',
      "« Date rejet » : « 2026-02-30 » n'est pas une date AAAA-MM-JJ ou JJ/MM/AAAA, ni un instant ISO 8601",
      "« Montant » : « 12,345 » n'est pas un montant en euros (12,34)",
    ]);
    expect(csv.invalid.map((i) => i.error.en)).toEqual([
      'Libellé is empty',
      'Date rejet "2026-02-30" is not YYYY-MM-DD, DD/MM/YYYY or an ISO instant',
      'Montant "12,345" is not euros (12,34)',
    ]);
    // The POST body's rules, applied to the last line, name the file's column too.
    const [row] = csv.rows;
    const checked = checkRejectionInput(row.fields, row.columns);
    expect('error' in checked && [checked.error.fr, checked.error.en]).toEqual([
      '« N° FSE » : de 1 à 32 lettres, chiffres ou -',
      'N° FSE: 1–32 letters, digits or -',
    ]);
  });

  it.each([
    ['a header lacking the date', 'N° FSE;Code;Libellé\n1;2;3', /colonne « date »/],
    ['a column named twice', 'FSE;N° FSE;code;label;date\n1;1;2;3;2026-11-28', /« FSE », « N° FSE »/],
    [
      'amount and amountCents',
      'fse;code;label;date;Montant;amountCents\n1;2;3;2026-11-28;1;100',
      /« Montant » ou « amountCents »/,
    ],
  ])('refuses %s in French, naming the columns', (_, text, said) => {
    const refusal = (): unknown => {
      try {
        parseRejectionCsv(text);
      } catch (err) {
        return err;
      }
      return undefined;
    };
    expect(refusal()).toBeInstanceOf(BackOfficeException);
    expect((refusal() as BackOfficeException).detail.fr).toMatch(said);
  });

  it.each([
    ['an empty file', ''],
    ['blank lines only', '\r\n\n  \n'],
    ['no header', '000123;0009-816;ALD;2026-11-28;216'],
    ['a JSON body', '{"fseNumber":"1"}'],
    ['a header lacking the date', 'fseNumber;rejectionCode;label\n1;2;3'],
    ['a column named twice', 'fse;fseNumber;code;label;date\n1;1;2;3;2026-11-28'],
    ['amount and amountCents', 'fse;code;label;date;amount;amountCents\n1;2;3;2026-11-28;1;100'],
    ['an unterminated quote', `${HEADER}\n1;A;"never closed;2026-11-28;1`],
    ['binary bytes', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
  ])('refuses %s as a whole with REJECTION_IMPORT_INVALID', (_, input) => {
    expect(invalidCode(input)).toBe('REJECTION_IMPORT_INVALID');
  });

  it('refuses files over the line limit', () => {
    const text = [HEADER, ...Array.from({ length: 5001 }, (_, i) => `${i};A;l;2026-11-28;1`)].join('\n');
    expect(invalidCode(text)).toBe('REJECTION_IMPORT_INVALID');
  });

  it.each([
    ['2026-11-28', '2026-11-28'],
    ['28/11/2026', '2026-11-28'],
    ['1/2/2026', '2026-02-01'],
    ['29/02/2025', undefined],
    ['2026-13-01', undefined],
    ['28-11-2026', undefined],
  ])('parseDay(%s) = %s', (input, want) => expect(parseDay(input)).toBe(want));

  it.each([
    ['12,34', 1234],
    ['12.3', 1230],
    ['1 234,56 €', 123456],
    ['7', 700],
    ['-1,00', undefined],
    ['1,234', undefined],
    ['abc', undefined],
  ])('euroCents(%s) = %s', (input, want) => expect(euroCents(input)).toBe(want));

  describe('fuzz: never throws anything but REJECTION_IMPORT_INVALID', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '"',
        '""',
        ';',
        ',',
        '\t',
        '\r\n',
        '\n',
        '\r',
        '2026-11-28',
        '28/11/2026',
        '12,34',
        '€',
      ),
    );
    const line = fc.array(cell, { maxLength: 7 }).map((cells) => cells.join(';'));
    const header = fc.constantFrom(HEADER, HEADER.replaceAll(';', ','), 'fse;code;label;date;amount', 'x;y');

    it('on files made of header-like and random lines', () => {
      fc.assert(
        fc.property(
          header,
          fc.array(line, { maxLength: 20 }),
          fc.constantFrom('\n', '\r\n', '\r'),
          (h, lines, eol) => {
            const code = invalidCode([h, ...lines].join(eol));
            expect(['ok', 'REJECTION_IMPORT_INVALID']).toContain(code);
          },
        ),
        { numRuns: TOTAL_RUNS },
      );
    });

    it('on arbitrary bytes and strings', () => {
      fc.assert(
        fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 300 })), (input) => {
          expect(['ok', 'REJECTION_IMPORT_INVALID']).toContain(invalidCode(input));
        }),
        { numRuns: TOTAL_RUNS },
      );
    });

    it('reads back any well-formed file it is given, quoting included', () => {
      const text = fc.string({ maxLength: 20 }).filter((s) => s.trim() !== '' && s.trim() === s);
      fc.assert(
        fc.property(fc.array(text, { minLength: 1, maxLength: 10 }), (labels) => {
          const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
          const body = labels.map((l, i) => `F${i};C;${quote(l)};2026-11-28;${i}`).join('\r\n');
          const csv = parseRejectionCsv(`${HEADER}\r\n${body}`);
          expect(csv.rows.map((r) => r.fields.label)).toEqual(labels);
        }),
        { numRuns: Math.round(TOTAL_RUNS / 3) },
      );
    });
  });
});
