import { createHash } from 'node:crypto';
import type { ReferentialRows } from './referential-rows';
import { HasLinkRow, RejectedRow, RowWarning } from './parsers/bdpm-rows';
import { bdpmLines, BdpmEncoding, decodeBdpm } from './parsers/bdpm-text';
import { CIS_CIP_FILE } from './parsers/cis-cip.parser';
import { CIS_FILE } from './parsers/cis.parser';
import { COMPO_FILE } from './parsers/compo.parser';
import { CPD_FILE } from './parsers/cpd.parser';
import { DISPO_FILE } from './parsers/dispo.parser';
import { GENER_FILE } from './parsers/gener.parser';
import { HAS_CT_FILE } from './parsers/has-ct.parser';
import { MITM_FILE } from './parsers/mitm.parser';
import { TABLE_SPECS, TableContext, TableKey } from './bdpm-tables';

/** Bumped when parsing changes what is stored, so that the same files import again (content hash). */
export const PARSER_VERSION = 'bdpm-parsers-1';

/** The eight ANSM download files, by their original names (data/bdpm/README.md). */
export const BDPM_FILE_NAMES = [
  CIS_FILE,
  CIS_CIP_FILE,
  COMPO_FILE,
  GENER_FILE,
  CPD_FILE,
  MITM_FILE,
  DISPO_FILE,
  HAS_CT_FILE,
] as const;

/** Everything the importer writes for one version. */
export interface BdpmDataset extends ReferentialRows {
  hasLinks: HasLinkRow[];
}

export interface FileReport {
  file: string;
  encoding: BdpmEncoding;
  bytes: number;
  lines: number;
  rows: number;
  rejected: number;
  warnings: number;
}

export interface ImportReport {
  files: FileReport[];
  rejected: RejectedRow[];
  warnings: RowWarning[];
  /** Whole-file observations, e.g. generic-group members kept although absent from CIS_bdpm.txt. */
  notes: string[];
}

/** SHA-256 of the parser version and every file's name and bytes, in name order. */
export function contentHash(files: ReadonlyMap<string, Uint8Array>): string {
  const hash = createHash('sha256').update(PARSER_VERSION);
  for (const name of [...files.keys()].sort()) {
    const bytes = files.get(name)!;
    hash.update(`\0${name}\0${bytes.byteLength}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** Lines parsed and handed on at a time: small batches die young, keeping the import's memory low. */
export const CHUNK_LINES = 2000;

/** One batch of rows of one table, with column-named properties, ready to write. */
export interface ParsedTable {
  key: TableKey;
  file: string;
  rows: object[];
}

/**
 * Parses the files of one BDPM download in batches of {@link CHUNK_LINES} lines, handing each batch to
 * `sink` before parsing on (pure but for `sink`). CIS_bdpm.txt comes first: the other files' orphan CIS
 * are rejected against it. Unusable rows are rejected with a reason, never thrown.
 */
export async function parseBdpmTables(
  files: ReadonlyMap<string, Uint8Array>,
  report: ImportReport,
  sink: (batch: ParsedTable) => Promise<void> | void,
): Promise<void> {
  const ctx: TableContext = {
    report,
    known: new Set(),
    forms: new Map(),
    cip13s: new Set(),
    orphanMembers: 0,
  };
  for (const spec of TABLE_SPECS) {
    const bytes = files.get(spec.file);
    if (!bytes) continue;
    const { text, encoding } = decodeBdpm(bytes);
    const parser = spec.parser();
    const { rejected, warnings } = parser.collector.result;
    const before = { rejected: report.rejected.length, warnings: report.warnings.length };
    let kept = 0;
    let lines = 0;
    const iterator = bdpmLines(text);
    for (let next = iterator.next(); !next.done;) {
      for (let n = 0; n < CHUNK_LINES && !next.done; n++, next = iterator.next()) {
        parser.parse(next.value);
        lines++;
      }
      const rows: object[] = [];
      for (const row of parser.collector.result.rows.splice(0) as { cis?: string; line: number }[]) {
        if (spec.knownCisOnly && !ctx.known.has(row.cis!)) {
          rejected.push({
            file: spec.file,
            line: row.line,
            reason: `CIS ${row.cis} is not in ${CIS_FILE}`,
            raw: row.cis!,
          });
        } else rows.push(spec.toColumns(row, ctx));
      }
      kept += rows.length;
      if (rows.length) await sink({ key: spec.key, file: spec.file, rows });
    }
    report.rejected.push(...rejected.sort((x, y) => x.line - y.line));
    report.warnings.push(...warnings);
    report.files.push({
      file: spec.file,
      encoding,
      bytes: bytes.byteLength,
      lines,
      rows: kept,
      rejected: report.rejected.length - before.rejected,
      warnings: report.warnings.length - before.warnings,
    });
  }
  if (ctx.orphanMembers) {
    report.notes.push(`${ctx.orphanMembers} generic-group members kept although absent from ${CIS_FILE}`);
  }
}

/** Every table at once (tests, the subset script): {@link parseBdpmTables} collected. */
export async function parseBdpmFiles(
  files: ReadonlyMap<string, Uint8Array>,
): Promise<{ dataset: BdpmDataset; report: ImportReport }> {
  const report: ImportReport = { files: [], rejected: [], warnings: [], notes: [] };
  const dataset = Object.fromEntries(TABLE_SPECS.map((s) => [s.key, [] as object[]])) as Record<
    TableKey,
    object[]
  >;
  await parseBdpmTables(files, report, (batch) => {
    dataset[batch.key].push(...batch.rows);
  });
  return { dataset: dataset as unknown as BdpmDataset, report };
}

/** Rough row count of a file (its line ends), for a progress bar before parsing. */
export function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) n++;
  return n + 1;
}
