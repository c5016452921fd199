import { join } from 'node:path';
import { parseBdpmFiles } from '../../src/medicines/bdpm/bdpm-dataset';
import { readBdpmDirectory } from '../../src/medicines/bdpm/bdpm-importer';
import { candidateCis, matchSpeciality, parseDcQuery } from '../../src/medicines/bdpm/dc-search';
import { ReferentialCache } from '../../src/medicines/bdpm/referential-cache';
import { MemoryRowReader } from '../../src/medicines/bdpm/referential-rows';
import { MedicinesReferential } from '../../src/medicines/medicines-referential.port';
import type {
  DcMatch,
  DcQuery,
  FormMatch,
  GenericGroup,
  GroupMember,
  MedicineProduct,
  Presentation,
  ReferentialStatus,
  Speciality,
} from '../../src/medicines/medicines.types';

export const BDPM_SUBSET_DIR = join(__dirname, '../../src/medicines/data/bdpm-subset');

/**
 * A fake of the referential port over the real rows of the shipped BDPM subset, held in memory (no
 * database): the same row reader and cache the BDPM adapter builds on, the same DC matching.
 */
export class SubsetReferential extends MedicinesReferential {
  constructor(private readonly c: ReferentialCache) {
    super();
  }

  private async product(cip13: string | undefined): Promise<MedicineProduct | undefined> {
    const presentation = cip13 ? await this.c.presentation(cip13) : undefined;
    const speciality = presentation && (await this.c.speciality(presentation.cis));
    return presentation && speciality ? { presentation, speciality } : undefined;
  }

  findByCip13(cip13: string): Promise<MedicineProduct | undefined> {
    return this.product(cip13);
  }

  findByCip7(cip7: string): Promise<MedicineProduct | undefined> {
    return this.product(this.c.cip13OfCip7(cip7));
  }

  findByGtin(gtin: string): Promise<MedicineProduct | undefined> {
    return this.product(/^0\d{13}$/.test(gtin) ? gtin.slice(1) : gtin);
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
    return (await this.findGenericGroups(cis)).flatMap((g) =>
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
      const speciality = formMatch && (await this.c.speciality(cis));
      if (!formMatch || !speciality) continue;
      for (const presentation of await this.c.presentations(cis))
        out.push({ presentation, speciality, formMatch });
    }
    return out;
  }

  matchDc(cis: string, query: DcQuery): Promise<FormMatch | undefined> {
    return matchSpeciality(this.c, cis, parseDcQuery(query), query);
  }

  async status(): Promise<ReferentialStatus> {
    return { source: 'shipped BDPM subset (in memory)', counts: {} };
  }
}

let loaded: Promise<SubsetReferential> | undefined;

/** The subset referential, parsed once per test file (about 0.2 s). */
export function subsetReferential(): Promise<SubsetReferential> {
  loaded ??= readBdpmDirectory(BDPM_SUBSET_DIR)
    .then(parseBdpmFiles)
    .then(({ dataset }) => new SubsetReferential(new ReferentialCache(new MemoryRowReader(dataset))));
  return loaded;
}
