import type {
  AvailabilityEntity,
  CompositionEntity,
  GenericMemberEntity,
  PresentationEntity,
  SpecialityEntity,
} from '../entities';

type Row<T> = Omit<T, 'versionId'>;

/** The rows of one referential version, as plain objects (what the in-memory reader is built from). */
export interface ReferentialRows {
  specialities: Row<SpecialityEntity>[];
  presentations: Row<PresentationEntity>[];
  compositions: Row<CompositionEntity>[];
  genericMembers: Row<GenericMemberEntity>[];
  conditions: { cis: string; text: string; line: number }[];
  mitm: { cis: string; atc: string }[];
  availability: Row<AvailabilityEntity>[];
}

/** Everything about one CIS: what a speciality and its presentations are built from. */
export interface CisRows {
  speciality: Row<SpecialityEntity>;
  presentations: Row<PresentationEntity>[];
  compositions: Row<CompositionEntity>[];
  memberships: Row<GenericMemberEntity>[];
  conditions: string[];
  atc?: string;
  availability: Row<AvailabilityEntity>[];
}

/** A generic group's members, each with its speciality name when the CIS is in the referential. */
export type GroupRows = (Row<GenericMemberEntity> & { name: string | null })[];

/**
 * Where the referential cache reads rows: the database (SqlRowReader, the default) or memory (tests, an
 * already parsed download). Code maps are synchronous so that an unknown code never costs a query.
 */
export interface RowReader {
  cisOfCip13(cip13: string): string | undefined;
  cip13OfCip7(cip7: string): string | undefined;
  cisRows(cis: string): Promise<CisRows | undefined>;
  groupRows(groupId: number): Promise<GroupRows>;
  cisWithMoiety(moiety: string): Promise<string[]>;
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** A RowReader over rows held in memory. */
export class MemoryRowReader implements RowReader {
  private readonly specialities: Map<string, ReferentialRows['specialities'][number]>;
  private readonly cisByCip13: Map<string, string>;
  private readonly cip13ByCip7: Map<string, string>;
  private readonly presentations: Map<string, ReferentialRows['presentations']>;
  private readonly compositions: Map<string, ReferentialRows['compositions']>;
  private readonly memberships: Map<string, ReferentialRows['genericMembers']>;
  private readonly groups: Map<number, ReferentialRows['genericMembers']>;
  private readonly conditions: Map<string, ReferentialRows['conditions']>;
  private readonly atc: Map<string, string>;
  private readonly availability: Map<string, ReferentialRows['availability']>;
  private readonly moieties: Map<string, ReferentialRows['compositions']>;

  constructor(rows: ReferentialRows) {
    this.specialities = new Map(rows.specialities.map((s) => [s.cis, s]));
    this.cisByCip13 = new Map(rows.presentations.map((p) => [p.cip13, p.cis]));
    this.cip13ByCip7 = new Map(rows.presentations.map((p) => [p.cip7, p.cip13]));
    this.presentations = groupBy(rows.presentations, (p) => p.cis);
    this.compositions = groupBy(rows.compositions, (c) => c.cis);
    this.memberships = groupBy(rows.genericMembers, (g) => g.cis);
    this.groups = groupBy(rows.genericMembers, (g) => g.groupId);
    this.conditions = groupBy(rows.conditions, (c) => c.cis);
    this.atc = new Map(rows.mitm.map((m) => [m.cis, m.atc]));
    this.availability = groupBy(rows.availability, (a) => a.cis);
    this.moieties = groupBy(rows.compositions, (c) => c.moietyKey);
  }

  cisOfCip13(cip13: string): string | undefined {
    return this.cisByCip13.get(cip13);
  }

  cip13OfCip7(cip7: string): string | undefined {
    return this.cip13ByCip7.get(cip7);
  }

  async cisRows(cis: string): Promise<CisRows | undefined> {
    const speciality = this.specialities.get(cis);
    if (!speciality) return undefined;
    return {
      speciality,
      presentations: this.presentations.get(cis) ?? [],
      compositions: this.compositions.get(cis) ?? [],
      memberships: this.memberships.get(cis) ?? [],
      conditions: (this.conditions.get(cis) ?? []).map((c) => c.text),
      atc: this.atc.get(cis),
      availability: this.availability.get(cis) ?? [],
    };
  }

  async groupRows(groupId: number): Promise<GroupRows> {
    return (this.groups.get(groupId) ?? []).map((g) => ({
      ...g,
      name: this.specialities.get(g.cis)?.name ?? null,
    }));
  }

  async cisWithMoiety(moiety: string): Promise<string[]> {
    return [...new Set((this.moieties.get(moiety) ?? []).map((c) => c.cis))];
  }
}
