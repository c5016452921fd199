import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FormMatch } from '../domain/pharmaceutical-form';
import { MedicinesReferential } from '../medicines-referential.port';
import { MedicinesException } from '../medicines.exception';
import type {
  DcMatch,
  DcQuery,
  GenericGroup,
  GroupMember,
  MedicineProduct,
  Presentation,
  ReferentialStatus,
  Speciality,
} from '../medicines.types';
import { candidateCis, matchSpeciality, parseDcQuery } from './dc-search';
import { ReferentialCache } from './referential-cache';
import { SqlRowReader } from './sql-row-reader';

/** Up to this size a version is read whole into memory at load (the shipped subset: 254); above, per CIS. */
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
export class BdpmReferential extends MedicinesReferential {
  private cache?: ReferentialCache;
  private version?: LoadedVersion;

  constructor(private readonly ds: DataSource) {
    super();
  }

  /** Loads the active version; returns false when there is none. */
  async load(): Promise<boolean> {
    const [row] = (await this.ds.query(
      `SELECT "id", "contentHash", "source", "importedAt", "counts" FROM "medicines_versions" WHERE "active" = 1 ORDER BY "id" DESC LIMIT 1`,
    )) as { id: number; contentHash: string; source: string; importedAt: string; counts: string }[];
    if (!row) return false;
    const counts = JSON.parse(row.counts) as Record<string, number>;
    const reader =
      (counts.specialities ?? Infinity) <= IN_MEMORY_MAX_SPECIALITIES
        ? await SqlRowReader.readAll(this.ds, row.id)
        : await new SqlRowReader(this.ds, row.id).init();
    this.cache = new ReferentialCache(reader);
    this.version = { ...row, counts };
    return true;
  }

  /** Reloads when another process (the import CLI) switched the active version. */
  async reloadIfChanged(): Promise<boolean> {
    const [row] = (await this.ds.query(`SELECT "id" FROM "medicines_versions" WHERE "active" = 1`)) as {
      id: number;
    }[];
    if (!row || row.id === this.version?.id) return false;
    return this.load();
  }

  /** Builds and keeps every CIS of the version (the bench; a small LGO referential). */
  async warmAll(): Promise<number> {
    const rows = (await this.ds.query(`SELECT "cis" FROM "medicines_specialities" WHERE "versionId" = ?`, [
      this.version?.id,
    ])) as { cis: string }[];
    for (const r of rows) await this.c.speciality(r.cis);
    return rows.length;
  }

  get loadedVersionId(): number | undefined {
    return this.version?.id;
  }

  private get c(): ReferentialCache {
    if (!this.cache) {
      throw new MedicinesException('REFERENTIAL_NOT_LOADED', 'no medicines referential version is active');
    }
    return this.cache;
  }

  private async product(cip13: string | undefined): Promise<MedicineProduct | undefined> {
    if (!cip13) return undefined;
    const presentation = await this.c.presentation(cip13);
    const speciality = presentation && (await this.c.speciality(presentation.cis));
    return presentation && speciality ? { presentation, speciality } : undefined;
  }

  findByCip13(cip13: string): Promise<MedicineProduct | undefined> {
    return this.product(cip13);
  }

  findByCip7(cip7: string): Promise<MedicineProduct | undefined> {
    return this.product(this.c.cip13OfCip7(cip7));
  }

  async findByGtin(gtin: string): Promise<MedicineProduct | undefined> {
    // GTIN-14 of a French pack = `0` + CIP13 (GS1 France); a 13-digit GTIN is the CIP13 itself.
    if (/^0\d{13}$/.test(gtin)) return this.product(gtin.slice(1));
    return /^\d{13}$/.test(gtin) ? this.product(gtin) : undefined;
  }

  findSpeciality(cis: string): Promise<Speciality | undefined> {
    return this.c.speciality(cis);
  }

  findPresentations(cis: string): Promise<Presentation[]> {
    return this.c.presentations(cis);
  }

  async findGenericGroups(cis: string): Promise<GenericGroup[]> {
    const groups = await Promise.all((await this.c.groupIdsOf(cis)).map((id) => this.c.group(id)));
    return groups.filter((g): g is GenericGroup => g !== undefined);
  }

  async findGroupAlternatives(cis: string): Promise<(GroupMember & { groupId: number })[]> {
    const groups = await this.findGenericGroups(cis);
    return groups.flatMap((g) =>
      g.members.filter((m) => m.cis !== cis).map((m) => ({ ...m, groupId: g.id })),
    );
  }

  async sharedGenericGroup(cisA: string, cisB: string): Promise<GenericGroup | undefined> {
    const b = new Set(await this.c.groupIdsOf(cisB));
    const id = (await this.c.groupIdsOf(cisA)).find((g) => b.has(g));
    return id === undefined ? undefined : this.c.group(id);
  }

  async searchByDc(query: DcQuery): Promise<DcMatch[]> {
    const components = parseDcQuery(query);
    const out: DcMatch[] = [];
    for (const cis of await candidateCis(this.c, components)) {
      const formMatch = await matchSpeciality(this.c, cis, components, query);
      if (!formMatch) continue;
      const speciality = (await this.c.speciality(cis))!;
      for (const presentation of await this.c.presentations(cis))
        out.push({ presentation, speciality, formMatch });
    }
    return out;
  }

  matchDc(cis: string, query: DcQuery): Promise<FormMatch | undefined> {
    return matchSpeciality(this.c, cis, parseDcQuery(query), query);
  }

  async status(): Promise<ReferentialStatus> {
    if (!this.version) return { counts: {} };
    const { id, contentHash, source, importedAt, counts } = this.version;
    return { versionId: id, contentHash, source, importedAt, counts };
  }
}
