import { fold } from '../../core/text/fold';
import type { Text } from '../../core/i18n/messages';
import { parse } from 'csv-parse/sync';
import { BackOfficeException } from '../back-office.exception';
import { BACK_OFFICE_DETAILS, REJECTION_LINE_ERRORS as L } from '../error-messages';

type Fields = {
  fseNumber: string;
  rejectionCode: string;
  label: string;
  receivedAt: string;
  billingNumber?: string;
  invoiceDate?: string;
  amountCents?: number;
};

/** One data line of a rejection file, its columns by name, not yet validated (rejection-input.ts does). */
export interface RejectionCsvRow {
  /** Physical line (1 = the header) where the record starts. */
  line: number;
  fields: Fields;
  /** Each field's column as the file's header row writes it (« N° FSE », « Montant »): errors name it so. */
  columns: Partial<Record<keyof Fields, string>>;
}

export interface RejectionCsv {
  /** Data records (blank lines excluded). */
  lines: number;
  rows: RejectionCsvRow[];
  /** Why each set-aside line is: French, or English for a client who asks (the HTTP edge picks). */
  invalid: { line: number; error: Text }[];
}

export const MAX_RECORDS = 5000;
const MAX_FIELD = 2000;
type Column = keyof Fields | 'amount';

/** Header names, compared without case, accents, spaces or punctuation (docs/back-office.md § Import). */
const ALIASES: Record<string, Column> = {
  fsenumber: 'fseNumber',
  fse: 'fseNumber',
  numerofse: 'fseNumber',
  nfse: 'fseNumber',
  nofse: 'fseNumber',
  rejectioncode: 'rejectionCode',
  code: 'rejectionCode',
  coderejet: 'rejectionCode',
  label: 'label',
  libelle: 'label',
  date: 'receivedAt',
  receivedat: 'receivedAt',
  daterejet: 'receivedAt',
  amountcents: 'amountCents',
  amount: 'amount',
  montant: 'amount',
  billingnumber: 'billingNumber',
  numerofacture: 'billingNumber',
  invoicedate: 'invoiceDate',
  datefacture: 'invoiceDate',
};
const REQUIRED: Column[] = ['fseNumber', 'rejectionCode', 'label', 'receivedAt'];
/** A column's name in docs/back-office.md, for one the file lacks. */
const DOCUMENTED: Record<Column, string> = {
  fseNumber: 'fseNumber',
  rejectionCode: 'rejectionCode',
  label: 'label',
  receivedAt: 'date',
  amountCents: 'amountCents',
  amount: 'amount',
  billingNumber: 'billingNumber',
  invoiceDate: 'invoiceDate',
};
const F = BACK_OFFICE_DETAILS.REJECTION_IMPORT_INVALID;

function refuse(detail: Text): never {
  throw new BackOfficeException('REJECTION_IMPORT_INVALID', detail);
}

/** UTF-8 (BOM or not), else Windows-1252 (what spreadsheet exports on French Windows produce). */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.includes(0)) refuse(F.binary());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const normaliseName = (s: string): string => fold(s).replace(/[^a-z0-9]/g, '');

/** `;`, `,` or tab: whichever the header line holds most of (`;` on a tie, the French spreadsheet default). */
function detectSeparator(text: string): string {
  const end = text.search(/[\r\n]/);
  const header = end < 0 ? text : text.slice(0, end);
  const count = (c: string) => header.split(c).length - 1;
  return [';', ',', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ';');
}

interface RawRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records through csv-parse: quoted fields may hold separators, `""` and line breaks; CRLF, LF or
 * CR ends a record; a quote inside an unquoted field is kept as a character. Each record carries the
 * physical line it starts on.
 */
export function tokenize(text: string, sep: string): RawRecord[] {
  const starts: number[] = [];
  let start = 1;
  try {
    const records = parse(text, {
      delimiter: sep,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (fields: string[], { lines, records }) => {
        starts.push(start);
        if (records > MAX_RECORDS + 1) refuse(F.tooManyLines({ max: MAX_RECORDS }));
        if (fields.some((f) => f.length > MAX_FIELD)) refuse(F.fieldTooLong({ line: start, max: MAX_FIELD }));
        start = lines + 1;
        return fields;
      },
    });
    return records.map((fields, i) => ({ line: starts[i], fields }));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'CSV_QUOTE_NOT_CLOSED') refuse(F.unclosedQuote({ line: start }));
    if (code?.startsWith('CSV_')) refuse(F.unreadable({ line: start, why: (err as Error).message }));
    throw err;
  }
}

interface Header {
  /** The column of each position, undefined for one Comptoir ignores. */
  columns: (Column | undefined)[];
  /** Each column's name as written in the file. */
  written: Partial<Record<Column, string>>;
}

function headerColumns(header: string[]): Header {
  const columns = header.map((h) => ALIASES[normaliseName(h)]);
  const writtenAs = (c: Column) => columns.flatMap((x, i) => (x === c ? [header[i].trim()] : []));
  const known = columns.filter((c): c is Column => c !== undefined);
  const missing = REQUIRED.filter((r) => !known.includes(r));
  if (missing.length > 0) refuse(F.missingColumns({ missing: missing.map((c) => DOCUMENTED[c]) }));
  const twice = known.find((c, i) => known.indexOf(c) !== i);
  if (twice) refuse(F.columnTwice({ columns: writtenAs(twice) }));
  if (known.includes('amount') && known.includes('amountCents'))
    refuse(F.amountTwice({ columns: [...writtenAs('amount'), ...writtenAs('amountCents')] }));
  const written: Header['written'] = {};
  for (const c of known) written[c] = writtenAs(c)[0];
  return { columns, written };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FR_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** YYYY-MM-DD from YYYY-MM-DD or DD/MM/YYYY, checked against the calendar. */
export function parseDay(value: string): string | undefined {
  const iso = ISO_DATE.exec(value);
  const fr = FR_DATE.exec(value);
  let day: string;
  if (iso) day = value;
  else if (fr) day = `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`;
  else return undefined;
  const [y, m, d] = day.split('-').map(Number);
  const t = Date.UTC(y, m - 1, d);
  return y >= 1900 && new Date(t).toISOString().slice(0, 10) === day ? day : undefined;
}

/** Euros (`12,34`, `12.34`, `1 234,5 €`) to cents, without floating point. */
export function euroCents(value: string): number | undefined {
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(value.replace(/[\s\u00a0\u202f€]/g, ''));
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

function toRow(line: number, header: Header, values: string[]): RejectionCsvRow | Text {
  const { columns, written } = header;
  const fieldCount = L.fieldCount({ expected: columns.length, got: values.length });
  if (values.length < columns.length) return fieldCount;
  if (values.slice(columns.length).some((v) => v.trim() !== '')) return fieldCount;
  const raw: Partial<Record<Column, string>> = {};
  columns.forEach((c, i) => {
    if (c) raw[c] = values[i].trim();
  });
  const column = (c: Column) => written[c] ?? DOCUMENTED[c];
  for (const r of REQUIRED) if (!raw[r]) return L.empty({ column: column(r) });
  const receivedAt = INSTANT.test(raw.receivedAt!) ? raw.receivedAt! : parseDay(raw.receivedAt!);
  if (!receivedAt) return L.date({ column: column('receivedAt'), value: raw.receivedAt! });
  const fields: RejectionCsvRow['fields'] = {
    fseNumber: raw.fseNumber!,
    rejectionCode: raw.rejectionCode!,
    label: raw.label!,
    receivedAt,
  };
  if (raw.billingNumber) fields.billingNumber = raw.billingNumber;
  if (raw.invoiceDate) {
    const day = parseDay(raw.invoiceDate);
    if (!day) return L.day({ column: column('invoiceDate'), value: raw.invoiceDate });
    fields.invoiceDate = day;
  }
  if (raw.amountCents) {
    if (!/^\d{1,11}$/.test(raw.amountCents))
      return L.cents({ column: column('amountCents'), value: raw.amountCents });
    fields.amountCents = Number(raw.amountCents);
  }
  if (raw.amount) {
    const cents = euroCents(raw.amount);
    if (cents === undefined) return L.euros({ column: column('amount'), value: raw.amount });
    fields.amountCents = cents;
  }
  const named: RejectionCsvRow['columns'] = {};
  for (const key of Object.keys(fields) as (keyof Fields)[]) {
    named[key] = key === 'amountCents' && written.amount ? written.amount : written[key];
  }
  return { line, fields, columns: named };
}

/**
 * A rejection file (docs/back-office.md § Import): a header row naming the columns, then one rejection per
 * line. Throws REJECTION_IMPORT_INVALID when the file as a whole is not in that layout; a bad line is
 * reported in `invalid` and the others still count.
 */
export function parseRejectionCsv(input: Uint8Array | string): RejectionCsv {
  const text = (typeof input === 'string' ? input : decodeCsv(input)).replace(/^\uFEFF/, '');
  if (text.includes('\0')) refuse(F.binary());
  if (text.trim() === '') refuse(F.empty());
  const records = tokenize(text, detectSeparator(text)).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const [header, ...data] = records;
  if (!header) refuse(F.noHeader());
  const columns = headerColumns(header.fields);
  const out: RejectionCsv = { lines: data.length, rows: [], invalid: [] };
  for (const record of data) {
    const row = toRow(record.line, columns, record.fields);
    if ('fields' in row) out.rows.push(row);
    else out.invalid.push({ line: record.line, error: row });
  }
  return out;
}
