import { FormMatch } from '../domain/pharmaceutical-form';
import { MedicinesReferential } from '../medicines-referential.port';
import type {
  DcMatch,
  DcQuery,
  GenericGroup,
  GroupMember,
  MedicineProduct,
  Presentation,
  Speciality,
} from '../medicines.types';
import { candidateCis, matchSpeciality, parseDcQuery } from './dc-search';
import type { ReferentialCache } from './referential-cache';

/**
 * The referential's look-ups over a ReferentialCache, whatever feeds the cache: the BDPM adapter (SQLite
 * rows of the active version) or an in-memory row reader (tests and benches on the shipped subset).
 */
export abstract class CacheReferential extends MedicinesReferential {
  protected abstract get c(): ReferentialCache;

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
}
