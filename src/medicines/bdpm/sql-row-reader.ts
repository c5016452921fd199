import type { DataSource } from 'typeorm';
import { CisRows, GroupRows, MemoryRowReader, ReferentialRows, RowReader } from './referential-rows';

/**
 * A RowReader over the tables of one referential version. The code maps (CIP13 → CIS, CIP7 → CIP13) are
 * read once by `init()`; the rows of a CIS are read on its first look-up, through the (versionId, cis) indexes.
 */
export class SqlRowReader implements RowReader {
  private cisByCip13 = new Map<string, string>();
  private cip13ByCip7 = new Map<string, string>();

  constructor(
    private readonly ds: DataSource,
    readonly versionId: number,
  ) {}

  async init(): Promise<this> {
    const rows = (await this.ds.query(
      `SELECT "cip13", "cip7", "cis" FROM "medicines_presentations" WHERE "versionId" = ?`,
      [this.versionId],
    )) as { cip13: string; cip7: string; cis: string }[];
    this.cisByCip13 = new Map(rows.map((r) => [r.cip13, r.cis]));
    this.cip13ByCip7 = new Map(rows.map((r) => [r.cip7, r.cip13]));
    return this;
  }

  get presentationCount(): number {
    return this.cisByCip13.size;
  }

  cisOfCip13(cip13: string): string | undefined {
    return this.cisByCip13.get(cip13);
  }

  cip13OfCip7(cip7: string): string | undefined {
    return this.cip13ByCip7.get(cip7);
  }

  /** Rows of one CIS in file order. Sorted here: an ORDER BY would make SQLite walk the primary key instead. */
  private async rows<T extends { line: number }>(table: string, cis: string): Promise<T[]> {
    const rows = (await this.ds.query(`SELECT * FROM "${table}" WHERE "versionId" = ? AND "cis" = ?`, [
      this.versionId,
      cis,
    ])) as T[];
    return rows.sort((a, b) => a.line - b.line);
  }

  async cisRows(cis: string): Promise<CisRows | undefined> {
    const [speciality] = await this.rows<CisRows['speciality']>('medicines_specialities', cis);
    if (!speciality) return undefined;
    const [presentations, compositions, memberships, conditions, mitm, availability] = await Promise.all([
      this.rows<CisRows['presentations'][number]>('medicines_presentations', cis),
      this.rows<CisRows['compositions'][number]>('medicines_compositions', cis),
      this.rows<CisRows['memberships'][number]>('medicines_generic_members', cis),
      this.rows<{ text: string; line: number }>('medicines_conditions', cis),
      this.rows<{ atc: string; line: number }>('medicines_mitm', cis),
      this.rows<CisRows['availability'][number]>('medicines_availability', cis),
    ]);
    return {
      speciality,
      presentations,
      compositions,
      memberships,
      conditions: conditions.map((c) => c.text),
      atc: mitm[0]?.atc,
      availability,
    };
  }

  async groupRows(groupId: number): Promise<GroupRows> {
    return (await this.ds.query(
      `SELECT g.*, s."name" AS "name" FROM "medicines_generic_members" g
       LEFT JOIN "medicines_specialities" s ON s."versionId" = g."versionId" AND s."cis" = g."cis"
       WHERE g."versionId" = ? AND g."groupId" = ?`,
      [this.versionId, groupId],
    )) as GroupRows;
  }

  async cisWithMoiety(moiety: string): Promise<string[]> {
    const rows = (await this.ds.query(
      `SELECT DISTINCT "cis" FROM "medicines_compositions" WHERE "versionId" = ? AND "moietyKey" = ?`,
      [this.versionId, moiety],
    )) as { cis: string }[];
    return rows.map((r) => r.cis);
  }

  /** Every row of the version read at once into memory: for small referentials (the shipped subset). */
  static async readAll(ds: DataSource, versionId: number): Promise<MemoryRowReader> {
    const read = <T>(table: string) =>
      ds.query(`SELECT * FROM "${table}" WHERE "versionId" = ?`, [versionId]) as Promise<T[]>;
    const rows: ReferentialRows = {
      specialities: await read('medicines_specialities'),
      presentations: await read('medicines_presentations'),
      compositions: await read('medicines_compositions'),
      genericMembers: await read('medicines_generic_members'),
      conditions: await read('medicines_conditions'),
      mitm: await read('medicines_mitm'),
      availability: await read('medicines_availability'),
    };
    for (const list of Object.values(rows) as { line: number }[][]) list.sort((a, b) => a.line - b.line);
    return new MemoryRowReader(rows);
  }
}
