import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ErrorSpec } from '../../src/core/errors/comptoir.exception';
import { FIELD_RULES } from '../../src/core/http/validation-text';
import { LANGUAGES, Text } from '../../src/core/i18n/messages';

// API.md § Conventions: problem titles and details are French, English for a client who asks. Every code
// of every stage's table has both titles and at least one detail in its stage's catalogue
// (`src/<stage>/error-messages.ts`), and every message of every catalogue renders in both languages.

const root = join(__dirname, '../..');

function* files(dir: string, wanted: (name: string) => boolean): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path, wanted);
    else if (wanted(name)) yield path;
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (file: string) => require(file) as Record<string, unknown>;

/** `SCAN` → the SCAN_ERRORS table; `CORE` → CORE_ERRORS. */
const tables = new Map<string, Record<string, ErrorSpec>>();
for (const file of files(join(root, 'src'), (n) => n.endsWith('.exception.ts'))) {
  for (const [name, value] of Object.entries(load(file))) {
    if (name.endsWith('_ERRORS'))
      tables.set(name.replace(/_ERRORS$/, ''), value as Record<string, ErrorSpec>);
  }
}

type Entry = ((p: object) => Text) & { fr: (p: object) => string; en: (p: object) => string };
const isEntry = (v: unknown): v is Entry =>
  typeof v === 'function' && typeof (v as Entry).fr === 'function' && typeof (v as Entry).en === 'function';

/** `SCAN` → SCAN_DETAILS; and every catalogue entry of every error-messages file, by a readable name. */
const details = new Map<string, Record<string, Record<string, unknown>>>();
const entries: [string, Entry][] = Object.entries(FIELD_RULES).map(([k, e]) => [
  `FIELD_RULES.${k}`,
  e as unknown as Entry,
]);
for (const file of files(join(root, 'src'), (n) => n === 'error-messages.ts')) {
  const where = relative(root, file);
  for (const [name, value] of Object.entries(load(file))) {
    if (name.endsWith('_DETAILS'))
      details.set(name.replace(/_DETAILS$/, ''), value as Record<string, Record<string, unknown>>);
    const walk = (path: string, v: unknown): void => {
      if (isEntry(v)) entries.push([`${where} ${path}`, v]);
      else if (typeof v === 'object' && v !== null && !Array.isArray(v))
        for (const [k, x] of Object.entries(v)) walk(`${path}.${k}`, x);
    };
    walk(name, value);
  }
}

/** Parameters for every entry: each name any catalogue uses, with a value of its type. */
const SAMPLE: Record<string, unknown> = {
  id: '3f0e6c2a',
  terminalId: 'comptoir-1',
  kind: 'dispensation',
  roles: ['back-office'],
  problems: [new Text('« quantité » doit valoir au moins 1', 'quantity must not be less than 1')],
  max: 32,
  method: 'GET',
  path: '/api/v1/nulle-part',
  message: 'teleservice: unknown prescription',
  rpps: '10000000000',
  minutes: 5,
  encoding: 'gzip',
  charset: 'utf-16',
  key: 'nir',
  action: 'Dispensation Validated',
  ai: '17',
  length: 12,
  min: 6,
  type: 'intervention',
  date: '261331',
  offset: 16,
  shown: '"9999"',
  code: '3400930000001',
  field: 'S1',
  version: '"02"',
  ms: 5000,
  declared: 'image/png',
  format: 'png',
  why: 'ECONNRESET',
  tool: 'pdftoppm',
  bytes: 1048576,
  width: 8000,
  height: 6000,
  maxMegapixels: '36',
  channels: 3,
  bits: 16,
  mb: 288,
  maxMb: 150,
  pages: 12,
  name: '"fichier2"',
  count: 2,
  mediaType: 'text/plain',
  status: 'validated',
  prescriptionId: '202611200930001234',
  lineId: '2',
  deliveryId: '7c1d',
  packId: '9a2e',
  act: 'renouvellement',
  actId: '51b0',
  fields: ['problemCode', 'outcome'],
  test: 'trod-angine',
  lastDay: '2027-11-19',
  totalDays: 60,
  until: '2026-12-31',
  end: '2026-12-01',
  maxDays: 31,
  used: 62,
  fseNumber: '000123456',
  line: 12,
  missing: ['date'],
  columns: ['N° FSE', 'FSE'],
  expected: 5,
  got: 4,
  column: 'Montant',
  value: '12,345',
  executionId: '0d8f',
  dir: '/var/lib/comptoir/bdpm',
  file: 'CIS_bdpm.txt',
  url: 'https://base-donnees-publique.medicaments.gouv.fr/telechargement.php?fichier=CIS_bdpm.txt',
  timeout: false,
  reason: 'expired',
  strength: '500 mg/5 ml',
  substances: 2,
  seconds: 30,
  expectedSequence: 3,
  teleserviceCode: 'UNKNOWN_FAULT',
  operation: 'consulterOrdonnance',
  failure: 'no-pin',
  args: [1, 9],
  each: false,
  names: 'cis, cip13, dc',
};
/** Entries whose parameter takes one of a few values. */
const OVERRIDES: Record<string, Record<string, unknown>> = {
  'src/medicines/error-messages.ts MEDICINES_DETAILS.REFERENTIAL_DOWNLOAD_INVALID.notBdpm': {
    reason: 'html',
  },
  'FIELD_RULES.whitelistValidation': { field: 'quantite' },
  'src/dispensation/error-messages.ts DISPENSATION_DETAILS.TRANSCRIPTION_LINE_INVALID.productNamed': {
    kind: 'medication',
  },
};
const sampleFor = (name: string) => ({ ...SAMPLE, ...OVERRIDES[name] });

/** Words of an English sentence; none appears in a French message (names and values aside). */
const ENGLISH =
  /\b(the|is|are|not|no|must|should|cannot|with|without|this|that|of|and|or|from|missing|invalid|unknown|too)\b/i;

describe('error messages (API.md § Conventions: French, English on request)', () => {
  it('finds every stage table and its catalogue', () => {
    expect(tables.size).toBeGreaterThanOrEqual(9);
    expect([...tables.keys()].filter((stage) => !details.has(stage))).toEqual([]);
    expect(entries.length).toBeGreaterThan(150);
  });

  const codes = [...tables].flatMap(([stage, table]) =>
    Object.entries(table).map(([code, spec]) => [stage, code, spec] as const),
  );

  it.each(codes)('%s %s has a French and an English title, and a detail in both', (stage, code, spec) => {
    const title = spec.title as unknown as Record<string, string>;
    for (const language of LANGUAGES) expect(title[language]?.trim().length).toBeGreaterThan(5);
    expect(title.fr).not.toBe(title.en);
    expect(title.fr).not.toMatch(ENGLISH);
    const group = details.get(stage)?.[code] ?? {};
    expect(Object.values(group).filter(isEntry).length).toBeGreaterThan(0);
  });

  it.each(entries)('%s renders in French and English', (name, entry) => {
    const params = sampleFor(name);
    const said = entry(params);
    expect(said).toBeInstanceOf(Text);
    expect([said.fr, said.en]).toEqual([entry.fr(params), entry.en(params)]);
    for (const text of [said.fr, said.en]) {
      expect(text.trim().length).toBeGreaterThan(3);
      expect(text).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
    expect(said.fr).not.toBe(said.en);
    // What the sample put in (a teleservice's own words, an address) and the names quoted « … » (a field,
    // a parameter, a column) are not the sentence's words.
    const own = said.fr
      .replace(String(params.message), '')
      .replace(String(params.url), '')
      .replace(/« [^»]* »/g, '');
    expect(own).not.toMatch(ENGLISH);
  });
});
