import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { Database } from './database';

/** The pharmacy the ManyPharmacies migration gives the rows that existed (that of a `pharmacy:` block without `id`). */
export const MIGRATED_PHARMACY = 'default';

/** The tables the ManyPharmacies migration gave a pharmacy column (migrations/1798300000000-ManyPharmacies.ts). */
export const MIGRATED_TABLES = [
  'prescriptions',
  'dispensations',
  'dispensation_packs',
  'dispensation_acts',
  'intervention_favourites',
  'invoices',
  'invoice_rejections',
  'scans',
  'outbox_executions',
  'idempotency_keys',
] as const;

/** The one statement that moves a table's rows from one pharmacy to another. */
@Injectable()
export class PharmacyRowsRepository {
  async relabel(m: EntityManager, table: string, from: string, to: string): Promise<number> {
    const { affected } = await m
      .createQueryBuilder()
      .update(table)
      .set({ pharmacyId: to })
      .where('"pharmacyId" = :from', { from })
      .execute();
    return affected ?? 0;
  }
}

/**
 * A migration cannot read the configuration: ManyPharmacies gives the rows that existed the pharmacy
 * `default`. A deployment of one pharmacy whose `pharmacy.id` is another takes them over at start, in one
 * transaction (with one pharmacy configured, only the migration writes `default` in these tables, so this
 * is a no-op on every later start). With several pharmacies nothing is moved: a hosted deployment created
 * after this migration has no such rows (docs/data.md § Many pharmacies).
 */
@Injectable()
export class PharmacyRows implements OnApplicationBootstrap {
  private readonly logger = new Logger('pharmacies');

  constructor(
    private readonly db: Database,
    private readonly rows: PharmacyRowsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.adopt();
  }

  /** Moves the migrated rows to the one configured pharmacy; how many moved, per table. */
  async adopt(): Promise<Record<string, number>> {
    const [only, ...others] = this.config.pharmacies;
    if (others.length > 0 || only.id === MIGRATED_PHARMACY) return {};
    const moved = await this.db.transaction(async (m) => {
      const counts: Record<string, number> = {};
      for (const table of MIGRATED_TABLES) {
        const n = await this.rows.relabel(m, table, MIGRATED_PHARMACY, only.id);
        if (n > 0) counts[table] = n;
      }
      return counts;
    });
    if (Object.keys(moved).length > 0) {
      this.logger.log({ pharmacyId: only.id, moved }, 'rows written before many pharmacies adopted');
    }
    return moved;
  }
}
