import type { EntityManager, EntityTarget } from 'typeorm';
import { lockKey, engineOfManager } from '../../core/database/database';
import {
  AvailabilityEntity,
  CompositionEntity,
  ConditionEntity,
  GenericMemberEntity,
  HasLinkEntity,
  MitmEntity,
  PresentationEntity,
  ReferentialVersionEntity,
  SpecialityEntity,
} from '../entities';
import type { BdpmDataset } from './bdpm-dataset';
import type { CisRows, GroupRows, ReferentialRows } from './referential-rows';

/** The medicines tables a version's rows go to, by dataset key. */
export const ROW_ENTITIES: Record<keyof BdpmDataset, EntityTarget<object>> = {
  specialities: SpecialityEntity,
  presentations: PresentationEntity,
  compositions: CompositionEntity,
  genericMembers: GenericMemberEntity,
  conditions: ConditionEntity,
  mitm: MitmEntity,
  availability: AvailabilityEntity,
  hasLinks: HasLinkEntity,
};

/** SQLite takes up to 32,766 bound parameters per statement, PostgreSQL 65,535; a margin is kept. */
const MAX_PARAMS = 30_000;

export interface VersionRow {
  id: number;
  contentHash: string;
  source: string;
  importedAt: string;
  counts: string;
  report: string;
}

/**
 * The medicines referential's queries (docs/referential.md): versions, their rows written in bulk, the
 * switch of the active version, and the reads of the referential cache. Rows are read as plain objects (the
 * cache builds the domain types), sorted by their file line here rather than by an ORDER BY that would make
 * SQLite walk the primary key.
 */
export class ReferentialRepository {
  /** The active version (the latest one if several were ever active). */
  async activeVersion(m: EntityManager): Promise<VersionRow | undefined> {
    const row = await m
      .getRepository(ReferentialVersionEntity)
      .createQueryBuilder('v')
      .where('v.active = :active', { active: true })
      .orderBy('v.id', 'DESC')
      .getOne();
    return row ? { ...row, importedAt: new Date(row.importedAt).toISOString() } : undefined;
  }

  /** Serialises imports across instances for the rest of the caller's transaction. */
  lockImports(m: EntityManager): Promise<void> {
    return lockKey(m, 'medicines:import');
  }

  /** A new, inactive version; its id. */
  async insertVersion(
    m: EntityManager,
    v: { contentHash: string; source: string; importedAt: Date },
  ): Promise<number> {
    const result = await m.getRepository(ReferentialVersionEntity).insert({
      ...v,
      active: false,
      durationMs: 0,
      counts: '{}',
      report: '{}',
    });
    return Number(result.identifiers[0].id);
  }

  /** Multi-row INSERTs of one table's rows for a version, as many rows per statement as the engine takes. */
  async insertRows(
    m: EntityManager,
    entity: EntityTarget<object>,
    versionId: number,
    rows: object[],
    progress: (n: number) => void,
  ): Promise<void> {
    const meta = m.connection.getMetadata(entity);
    const columns = meta.columns.map((c) => ({ db: c.databaseName, prop: c.propertyName }));
    const postgres = engineOfManager(m) === 'postgres';
    const batch = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    const head = `INSERT INTO "${meta.tableName}" (${columns.map((c) => `"${c.db}"`).join(', ')}) VALUES `;
    for (let start = 0; start < rows.length; start += batch) {
      const chunk = rows.slice(start, start + batch);
      const params: unknown[] = [];
      const tuples: string[] = [];
      for (const row of chunk) {
        const r = row as Record<string, unknown>;
        const marks: string[] = [];
        for (const c of columns) {
          const v = c.prop === 'versionId' ? versionId : r[c.prop];
          params.push(v === undefined ? null : typeof v === 'boolean' && !postgres ? Number(v) : v);
          marks.push(postgres ? `$${params.length}` : '?');
        }
        tuples.push(`(${marks.join(', ')})`);
      }
      await m.query(head + tuples.join(', '), params);
      progress(chunk.length);
    }
  }

  /** The atomic switch: this version active with its summary, the others inactive and their rows gone. */
  async activate(
    m: EntityManager,
    id: number,
    summary: { counts: string; report: string; durationMs: number },
  ): Promise<void> {
    const versions = m.getRepository(ReferentialVersionEntity);
    await versions.update({ id }, summary);
    await versions
      .createQueryBuilder()
      .update()
      .set({
        active: () => `(CASE WHEN "id" = :id THEN ${this.bool(m, true)} ELSE ${this.bool(m, false)} END)`,
      })
      .setParameter('id', id)
      .execute();
    for (const entity of Object.values(ROW_ENTITIES)) {
      await m.createQueryBuilder().delete().from(entity).where('"versionId" <> :id', { id }).execute();
    }
  }

  private bool(m: EntityManager, value: boolean): string {
    return engineOfManager(m) === 'postgres' ? String(value) : value ? '1' : '0';
  }

  /** CIP13 → CIS and CIP7 of every presentation of a version. */
  codes(m: EntityManager, versionId: number): Promise<{ cip13: string; cip7: string; cis: string }[]> {
    return m.query(
      this.sql(m, `SELECT "cip13", "cip7", "cis" FROM "medicines_presentations" WHERE "versionId" = ?`),
      [versionId],
    );
  }

  /** Every CIS of a version. */
  async cisList(m: EntityManager, versionId: number): Promise<string[]> {
    const rows = (await m.query(
      this.sql(m, `SELECT "cis" FROM "medicines_specialities" WHERE "versionId" = ?`),
      [versionId],
    )) as { cis: string }[];
    return rows.map((r) => r.cis);
  }

  /** The rows of one CIS in file order. */
  async cisRows(m: EntityManager, versionId: number, cis: string): Promise<CisRows | undefined> {
    const rows = <T extends { line: number }>(table: string) => this.ofCis<T>(m, table, versionId, cis);
    const [speciality] = await rows<CisRows['speciality']>('medicines_specialities');
    if (!speciality) return undefined;
    const [presentations, compositions, memberships, conditions, mitm, availability] = await Promise.all([
      rows<CisRows['presentations'][number]>('medicines_presentations'),
      rows<CisRows['compositions'][number]>('medicines_compositions'),
      rows<CisRows['memberships'][number]>('medicines_generic_members'),
      rows<{ text: string; line: number }>('medicines_conditions'),
      rows<{ atc: string; line: number }>('medicines_mitm'),
      rows<CisRows['availability'][number]>('medicines_availability'),
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

  /** The members of a generic group, with their speciality's name. */
  groupRows(m: EntityManager, versionId: number, groupId: number): Promise<GroupRows> {
    return m.query(
      this.sql(
        m,
        `SELECT g.*, s."name" AS "name" FROM "medicines_generic_members" g
         LEFT JOIN "medicines_specialities" s ON s."versionId" = g."versionId" AND s."cis" = g."cis"
         WHERE g."versionId" = ? AND g."groupId" = ?`,
      ),
      [versionId, groupId],
    );
  }

  async cisWithMoiety(m: EntityManager, versionId: number, moiety: string): Promise<string[]> {
    const rows = (await m.query(
      this.sql(
        m,
        `SELECT DISTINCT "cis" FROM "medicines_compositions" WHERE "versionId" = ? AND "moietyKey" = ?`,
      ),
      [versionId, moiety],
    )) as { cis: string }[];
    return rows.map((r) => r.cis);
  }

  /** Every row of a version, each table in file order (small referentials are kept whole in memory). */
  async allRows(m: EntityManager, versionId: number): Promise<ReferentialRows> {
    const read = async <T>(table: string) =>
      byLine(
        (await m.query(this.sql(m, `SELECT * FROM "${table}" WHERE "versionId" = ?`), [versionId])) as (T & {
          line: number;
        })[],
      ) as T[];
    return {
      specialities: await read('medicines_specialities'),
      presentations: await read('medicines_presentations'),
      compositions: await read('medicines_compositions'),
      genericMembers: await read('medicines_generic_members'),
      conditions: await read('medicines_conditions'),
      mitm: await read('medicines_mitm'),
      availability: await read('medicines_availability'),
    };
  }

  private async ofCis<T extends { line: number }>(
    m: EntityManager,
    table: string,
    versionId: number,
    cis: string,
  ): Promise<T[]> {
    const sql = this.sql(m, `SELECT * FROM "${table}" WHERE "versionId" = ? AND "cis" = ?`);
    return byLine((await m.query(sql, [versionId, cis])) as T[]);
  }

  /** `?` placeholders as the engine numbers them. */
  private sql(m: EntityManager, text: string): string {
    if (engineOfManager(m) !== 'postgres') return text;
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  }
}

function byLine<T extends { line: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.line - b.line);
}
