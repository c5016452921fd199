// `npm run audit:verify`: checks the audit chain of the database named by the configuration
// (COMPTOIR_ENV, COMPTOIR_DATA_DIR) after running migrations; exit 0 intact, 1 broken or failed.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { SystemClock } from '../../clock/clock';
import { ConfigError, loadConfig } from '../../config/load-config';
import { Database } from '../../database/database';
import { databaseOptions, describeDatabase } from '../../database/database.options';
import { AuditEntryEntity } from '../audit-entry.entity';
import { AuditHeadEntity } from '../audit-head.entity';
import { AuditRepository } from '../audit.repository';
import { AuditService } from '../audit.service';
import { Pharmacies } from '../../config/pharmacies';

const out = (line: string): boolean => process.stdout.write(`${line}\n`);
const err = (line: string): boolean => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const config = loadConfig();
  const ds = new DataSource({ ...databaseOptions(config), entities: [AuditEntryEntity, AuditHeadEntity] });
  await ds.initialize();
  const db = new Database(ds, config);
  try {
    await ds.runMigrations({ transaction: 'each' });
    await db.onModuleInit();
    out(`database: ${describeDatabase(config)}`);
    const audit = new AuditService(
      db,
      new SystemClock(),
      new AuditRepository(),
      new Pharmacies(config, new SystemClock()),
    );
    // One chain per pharmacy: each is checked, and any broken one fails the run.
    let ok = true;
    for (const pharmacyId of await audit.pharmacies()) {
      const result = await audit.verify(pharmacyId);
      out(JSON.stringify({ pharmacyId, ...result }));
      out(
        result.ok
          ? `audit chain intact: ${result.entries} entries (pharmacy ${pharmacyId})`
          : `audit chain BROKEN at seq ${result.firstBrokenAt} (${result.entries} entries, pharmacy ${pharmacyId})`,
      );
      ok &&= result.ok;
    }
    return ok ? 0 : 1;
  } finally {
    await db.onApplicationShutdown();
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    err(
      e instanceof ConfigError
        ? `audit:verify: ${e.message}`
        : `audit:verify failed: ${(e as Error).stack ?? String(e)}`,
    );
    process.exit(1);
  },
);
