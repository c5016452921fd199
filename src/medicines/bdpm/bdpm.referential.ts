import { Injectable } from '@nestjs/common';
import { Database } from '../../core/database/database';
import { MedicinesException } from '../medicines.exception';
import type { ReferentialStatus } from '../medicines.types';
import { CacheReferential } from './cache-referential';
import { ReferentialCache } from './referential-cache';
import { ReferentialRepository } from './referential.repository';
import { SqlRowReader } from './sql-row-reader';
import { MEDICINES_DETAILS } from '../error-messages';

/** Up to this size a version is read whole into memory at load (the shipped subset: 310); above, per CIS. */
export const IN_MEMORY_MAX_SPECIALITIES = 2000;

interface LoadedVersion {
  id: number;
  contentHash: string;
  source: string;
  importedAt: string;
  counts: Record<string, number>;
}

/**
 * The default adapter: the BDPM tables of the active referential version. `load()` (at start, and after
 * an import) reads the code maps (or, for a small version, every row); a CIS's rows are read on its first
 * look-up and the built speciality and presentations are kept, so a warm look-up is a map read.
 */
@Injectable()
export class BdpmReferential extends CacheReferential {
  private cache?: ReferentialCache;
  private version?: LoadedVersion;
  private readonly rows = new ReferentialRepository();

  constructor(private readonly db: Database) {
    super();
  }

  /** Loads the active version; returns false when there is none. */
  async load(): Promise<boolean> {
    const row = await this.activeVersion();
    if (!row) return false;
    const counts = JSON.parse(row.counts) as Record<string, number>;
    const reader =
      (counts.specialities ?? Infinity) <= IN_MEMORY_MAX_SPECIALITIES
        ? await SqlRowReader.readAll(this.db.reader, row.id)
        : await new SqlRowReader(this.db.reader, row.id).init();
    this.cache = new ReferentialCache(reader);
    this.version = { ...row, counts };
    return true;
  }

  /** Reloads when another process (the import CLI) switched the active version. */
  async reloadIfChanged(): Promise<boolean> {
    const row = await this.activeVersion();
    if (!row || row.id === this.version?.id) return false;
    return this.load();
  }

  /** The active version row: one query for load and reload, so they never disagree on which. */
  private activeVersion() {
    return this.rows.activeVersion(this.db.reader);
  }

  /** Builds and keeps every CIS of the version (the bench; a small LGO referential). */
  async warmAll(): Promise<number> {
    const cisList = this.version ? await this.rows.cisList(this.db.reader, this.version.id) : [];
    for (const cis of cisList) await this.c.speciality(cis);
    return cisList.length;
  }

  get loadedVersionId(): number | undefined {
    return this.version?.id;
  }

  protected get c(): ReferentialCache {
    if (!this.cache) {
      throw new MedicinesException(
        'REFERENTIAL_NOT_LOADED',
        MEDICINES_DETAILS.REFERENTIAL_NOT_LOADED.noVersion(),
      );
    }
    return this.cache;
  }

  async status(): Promise<ReferentialStatus> {
    if (!this.version) return { counts: {} };
    const { id, contentHash, source, importedAt, counts } = this.version;
    return { versionId: id, contentHash, source, importedAt, counts };
  }
}
