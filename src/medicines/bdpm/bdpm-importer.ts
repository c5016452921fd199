import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { Clock, SystemClock } from '../../core/clock/clock';
import {
  AvailabilityEntity,
  CompositionEntity,
  ConditionEntity,
  GenericMemberEntity,
  HasLinkEntity,
  MitmEntity,
  PresentationEntity,
  SpecialityEntity,
} from '../entities';
import { MedicinesException } from '../medicines.exception';
import {
  BDPM_FILE_NAMES,
  BdpmDataset,
  contentHash,
  countLines,
  ImportReport,
  parseBdpmTables,
} from './bdpm-dataset';
import { CIS_CIP_FILE } from './parsers/cis-cip.parser';
import { CIS_FILE } from './parsers/cis.parser';
import { HAS_CT_FILE } from './parsers/has-ct.parser';
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
/** SQLite takes up to 32,766 bound parameters per statement; a margin is kept. */
const MAX_PARAMS = 30_000;

const ENTITIES: Record<keyof BdpmDataset, EntityTarget<object>> = {
  specialities: SpecialityEntity,
  presentations: PresentationEntity,
  compositions: CompositionEntity,
  genericMembers: GenericMemberEntity,
  conditions: ConditionEntity,
  mitm: MitmEntity,
  availability: AvailabilityEntity,
  hasLinks: HasLinkEntity,
};

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

/**
 * Writes a BDPM download as a new referential version in one transaction, then switches the active
 * version in that same transaction and deletes the rows of the older ones: readers see the old version
 * or the new one, never a mix; a failure rolls back and leaves the previous version active.
 */
/** Runs `work` in one transaction: the DataSource's own, or the service's WriteLock while it serves requests. */
export type TransactionRunner = <T>(work: (m: EntityManager) => Promise<T>) => Promise<T>;

export class BdpmImporter {
  private readonly transaction: TransactionRunner;

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
    const active = await this.activeVersion();
    options.onProgress?.({ phase: 'parse', done: 0, total: 1 });
    if (active && active.contentHash === hash && !options.force) {
      const counts = JSON.parse(active.counts) as Record<string, number>;
      const report = JSON.parse(active.report) as ImportReport;
      options.onProgress?.({ phase: 'done', done: 1, total: 1 });
      return { status: 'unchanged', versionId: active.id, contentHash: hash, counts, report, durationMs: 0 };
    }
    const report: ImportReport = { files: [], rejected: [], warnings: [], notes: [] };
    const { versionId, counts } = await this.write(files, { hash, report, started, options });
    options.onProgress?.({ phase: 'done', done: 1, total: 1 });
    return {
      status: 'imported',
      versionId,
      contentHash: hash,
      counts,
      report,
      durationMs: Date.now() - started,
    };
  }

  private async activeVersion(): Promise<
    { id: number; contentHash: string; counts: string; report: string } | undefined
  > {
    const rows = (await this.ds.query(
      `SELECT "id", "contentHash", "counts", "report" FROM "medicines_versions" WHERE "active" = 1 ORDER BY "id" DESC LIMIT 1`,
    )) as { id: number; contentHash: string; counts: string; report: string }[];
    return rows[0];
  }

  private async write(
    files: ReadonlyMap<string, Uint8Array>,
    meta: { hash: string; report: ImportReport; started: number; options: ImportOptions },
  ): Promise<{ versionId: number; counts: Record<string, number> }> {
    const total = [...files.values()].reduce((n, bytes) => n + countLines(bytes), 0);
    try {
      return await this.transaction(async (m) => {
        const counts: Record<string, number> = {};
        let done = 0;
        await m.query(
          `INSERT INTO "medicines_versions" ("contentHash", "source", "active", "importedAt", "durationMs", "counts", "report") VALUES (?, ?, 0, ?, 0, '{}', '{}')`,
          [meta.hash, (meta.options.source ?? '').slice(0, 500), this.clock.now().toISOString()],
        );
        const [{ id }] = (await m.query(`SELECT last_insert_rowid() AS "id"`)) as { id: number }[];
        // One file's rows at a time: parsed, written, then dropped (peak memory stays one file's worth).
        const groups = new Set<number>();
        await parseBdpmTables(files, meta.report, async (batch) => {
          counts[batch.key] = (counts[batch.key] ?? 0) + batch.rows.length;
          if (batch.key === 'genericMembers')
            for (const g of batch.rows) groups.add((g as { groupId: number }).groupId);
          await this.insertAll(m, ENTITIES[batch.key], id, batch.rows, (n) => {
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

  /** Multi-row INSERTs, as many rows per statement as the parameter limit allows. */
  private async insertAll(
    m: EntityManager,
    entity: EntityTarget<object>,
    versionId: number,
    rows: object[],
    progress: (n: number) => void,
  ): Promise<void> {
    const meta = this.ds.getMetadata(entity);
    const columns = meta.columns.map((c) => ({ db: c.databaseName, prop: c.propertyName }));
    const perRow = columns.length;
    const batch = Math.max(1, Math.floor(MAX_PARAMS / perRow));
    const head = `INSERT INTO "${meta.tableName}" (${columns.map((c) => `"${c.db}"`).join(', ')}) VALUES `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    for (let start = 0; start < rows.length; start += batch) {
      const chunk = rows.slice(start, start + batch);
      const params: unknown[] = [];
      for (const row of chunk) {
        const r = row as Record<string, unknown>;
        for (const c of columns) {
          const v = c.prop === 'versionId' ? versionId : r[c.prop];
          params.push(v === undefined ? null : typeof v === 'boolean' ? Number(v) : v);
        }
      }
      await m.query(head + Array(chunk.length).fill(tuple).join(', '), params);
      progress(chunk.length);
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
    await m.query(
      `UPDATE "medicines_versions" SET "counts" = ?, "report" = ?, "durationMs" = ? WHERE "id" = ?`,
      [JSON.stringify(summary.counts), JSON.stringify(stored), summary.durationMs, id],
    );
    await m.query(`UPDATE "medicines_versions" SET "active" = (CASE WHEN "id" = ? THEN 1 ELSE 0 END)`, [id]);
    for (const entity of Object.values(ENTITIES)) {
      await m.query(`DELETE FROM "${this.ds.getMetadata(entity).tableName}" WHERE "versionId" <> ?`, [id]);
    }
  }
}
