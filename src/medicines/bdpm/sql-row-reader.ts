import type { EntityManager } from 'typeorm';
import { CisRows, GroupRows, MemoryRowReader, RowReader } from './referential-rows';
import { ReferentialRepository } from './referential.repository';

/**
 * A RowReader over the tables of one referential version. The code maps (CIP13 → CIS, CIP7 → CIP13) are
 * read once by `init()`; the rows of a CIS are read on its first look-up, through the (versionId, cis) indexes.
 */
export class SqlRowReader implements RowReader {
  private cisByCip13 = new Map<string, string>();
  private cip13ByCip7 = new Map<string, string>();
  private readonly rows = new ReferentialRepository();

  /** `m` reads committed rows (the service's reader). */
  constructor(
    private readonly m: EntityManager,
    readonly versionId: number,
  ) {}

  async init(): Promise<this> {
    const rows = await this.rows.codes(this.m, this.versionId);
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

  cisRows(cis: string): Promise<CisRows | undefined> {
    return this.rows.cisRows(this.m, this.versionId, cis);
  }

  groupRows(groupId: number): Promise<GroupRows> {
    return this.rows.groupRows(this.m, this.versionId, groupId);
  }

  cisWithMoiety(moiety: string): Promise<string[]> {
    return this.rows.cisWithMoiety(this.m, this.versionId, moiety);
  }

  /** Every row of the version read at once into memory: for small referentials (the shipped subset). */
  static async readAll(m: EntityManager, versionId: number): Promise<MemoryRowReader> {
    return new MemoryRowReader(await new ReferentialRepository().allRows(m, versionId));
  }
}
