import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, SystemClock } from '../../core/clock/clock';
import { MedicinesException } from '../medicines.exception';
import { BDPM_FILE_NAMES, contentHash, countLines, ImportReport, parseBdpmTables } from './bdpm-dataset';
import { CIS_CIP_FILE } from './parsers/cis-cip.parser';
import { CIS_FILE } from './parsers/cis.parser';
import { HAS_CT_FILE } from './parsers/has-ct.parser';
import { ReferentialRepository, ROW_ENTITIES, VersionRow } from './referential.repository';
import { MEDICINES_DETAILS as D } from '../error-messages';

export interface ImportProgress {
  phase: 'read' | 'parse' | 'write' | 'switch' | 'done';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Recorded with the version (default: the directory). */
  source?: string;
  /** Import even when the active version has the same content hash. */
  force?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult {
  /** `unchanged`: the active version already holds these exact files (nothing written). */
  status: 'imported' | 'unchanged';
  versionId: number;
  contentHash: string;
  counts: Record<string, number>;
  report: ImportReport;
  durationMs: number;
}

/** Rejected rows and warnings kept in the version row (the CLI prints the whole report). */
const STORED_REPORT_ROWS = 1000;

/** Reads the BDPM files of a directory by their ANSM names (any letter case); the HAS file is optional. */
export async function readBdpmDirectory(dir: string): Promise<Map<string, Uint8Array>> {
  const names = await readdir(dir).catch((err: unknown) => {
    throw new MedicinesException(
      'REFERENTIAL_FILES_MISSING',
      D.REFERENTIAL_FILES_MISSING.unreadableDirectory({ dir }),
      {
        cause: err,
      },
    );
  });
  const files = new Map<string, Uint8Array>();
  const missing: string[] = [];
  for (const wanted of BDPM_FILE_NAMES) {
    const found = names.find((n) => n.toLowerCase() === wanted.toLowerCase());
    if (found) files.set(wanted, await readFile(join(dir, found)));
    else if (wanted !== HAS_CT_FILE) missing.push(wanted);
  }
  if (missing.length) {
    throw new MedicinesException(
      'REFERENTIAL_FILES_MISSING',
      D.REFERENTIAL_FILES_MISSING.missing({ dir, missing }),
      {
        extra: { missing },
      },
    );
  }
  return files;
}

/** Runs `work` in one transaction: the DataSource's own, or the service's Database while it serves requests. */
export type TransactionRunner = <T>(work: (m: EntityManager) => Promise<T>) => Promise<T>;

/**
 * Writes a BDPM download as a new referential version in one transaction, then switches the active
 * version in that same transaction and deletes the rows of the older ones: readers see the old version
 * or the new one, never a mix; a failure rolls back and leaves the previous version active. Imports are
 * serialised across instances (an advisory lock on PostgreSQL), and the same files are imported once.
 */
export class BdpmImporter {
  private readonly transaction: TransactionRunner;
  private readonly rows = new ReferentialRepository();

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = new SystemClock(),
    transaction?: TransactionRunner,
  ) {
    this.transaction = transaction ?? ((work) => this.ds.transaction(work));
  }

  async importDirectory(dir: string, options: ImportOptions = {}): Promise<ImportResult> {
    options.onProgress?.({ phase: 'read', done: 0, total: 1 });
    const files = await readBdpmDirectory(dir);
    return this.importFiles(files, { ...options, source: options.source ?? resolve(dir) });
  }

  async importFiles(
    files: ReadonlyMap<string, Uint8Array>,
    options: ImportOptions = {},
  ): Promise<ImportResult> {
    const started = Date.now();
    const hash = contentHash(files);
    options.onProgress?.({ phase: 'parse', done: 0, total: 1 });
    const report: ImportReport = { files: [], rejected: [], warnings: [], notes: [] };
    const written = await this.write(files, { hash, report, started, options });
    options.onProgress?.({ phase: 'done', done: 1, total: 1 });
    if ('unchanged' in written) {
      const active = written.unchanged;
      const counts = JSON.parse(active.counts) as Record<string, number>;
      const stored = JSON.parse(active.report) as ImportReport;
      return {
        status: 'unchanged',
        versionId: active.id,
        contentHash: hash,
        counts,
        report: stored,
        durationMs: 0,
      };
    }
    const { versionId, counts } = written;
    return {
      status: 'imported',
      versionId,
      contentHash: hash,
      counts,
      report,
      durationMs: Date.now() - started,
    };
  }

  private async write(
    files: ReadonlyMap<string, Uint8Array>,
    meta: { hash: string; report: ImportReport; started: number; options: ImportOptions },
  ): Promise<{ versionId: number; counts: Record<string, number> } | { unchanged: VersionRow }> {
    const total = [...files.values()].reduce((n, bytes) => n + countLines(bytes), 0);
    try {
      return await this.transaction(async (m) => {
        await this.rows.lockImports(m);
        const active = await this.rows.activeVersion(m);
        if (active && active.contentHash === meta.hash && !meta.options.force) return { unchanged: active };
        const counts: Record<string, number> = {};
        let done = 0;
        const id = await this.rows.insertVersion(m, {
          contentHash: meta.hash,
          source: (meta.options.source ?? '').slice(0, 500),
          importedAt: this.clock.now(),
        });
        // One file's rows at a time: parsed, written, then dropped (peak memory stays one file's worth).
        const groups = new Set<number>();
        await parseBdpmTables(files, meta.report, async (batch) => {
          counts[batch.key] = (counts[batch.key] ?? 0) + batch.rows.length;
          if (batch.key === 'genericMembers')
            for (const g of batch.rows) groups.add((g as { groupId: number }).groupId);
          await this.rows.insertRows(m, ROW_ENTITIES[batch.key], id, batch.rows, (n) => {
            done += n;
            meta.options.onProgress?.({ phase: 'write', done, total });
          });
        });
        for (const [key, file] of [
          ['specialities', CIS_FILE],
          ['presentations', CIS_CIP_FILE],
        ]) {
          if (counts[key]) continue;
          throw new MedicinesException(
            'REFERENTIAL_IMPORT_INVALID',
            D.REFERENTIAL_IMPORT_INVALID.noUsableRow({ file }),
            {
              extra: { rejected: meta.report.rejected.slice(0, 20) },
            },
          );
        }
        counts.genericGroups = groups.size;
        counts.rejected = meta.report.rejected.length;
        counts.warnings = meta.report.warnings.length;
        meta.options.onProgress?.({ phase: 'switch', done: total, total });
        await this.activate(m, id, { counts, report: meta.report, durationMs: Date.now() - meta.started });
        return { versionId: id, counts };
      });
    } catch (err) {
      if (err instanceof MedicinesException) throw err;
      throw new MedicinesException(
        'REFERENTIAL_IMPORT_FAILED',
        D.REFERENTIAL_IMPORT_FAILED.write({ why: (err as Error).message }),
        {
          cause: err,
        },
      );
    }
  }

  /** The atomic switch: this version active, the others inactive, their rows gone; same transaction. */
  private async activate(
    m: EntityManager,
    id: number,
    summary: { counts: Record<string, number>; report: ImportReport; durationMs: number },
  ): Promise<void> {
    const stored: ImportReport = {
      ...summary.report,
      rejected: summary.report.rejected.slice(0, STORED_REPORT_ROWS),
      warnings: summary.report.warnings.slice(0, STORED_REPORT_ROWS),
    };
    await this.rows.activate(m, id, {
      counts: JSON.stringify(summary.counts),
      report: JSON.stringify(stored),
      durationMs: summary.durationMs,
    });
  }
}
