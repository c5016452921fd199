// `npm run referential:import -- <dir> [--force] [--report <file.json>]`: imports the BDPM files of <dir>
// into the database named by the configuration (COMPTOIR_ENV, COMPTOIR_DATA_DIR), after running migrations.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../core/config/load-config';
import { databaseFile, databaseOptions } from '../../core/database/database.options';
import { BdpmImporter, ImportProgress, ImportResult } from '../bdpm/bdpm-importer';
import { MEDICINES_ENTITIES } from '../entities';
import { MedicinesException } from '../medicines.exception';
import { formatImportSummary } from './import-summary';

const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
const err = (line: string): boolean => process.stderr.write(`${line}\n`);

interface Args {
  dir: string;
  force: boolean;
  report?: string;
}

function parseArgs(argv: string[]): Args | undefined {
  const args: Partial<Args> = { force: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--force') args.force = true;
    else if (argv[i] === '--report') args.report = argv[++i];
    else if (!argv[i].startsWith('--') && !args.dir) args.dir = argv[i];
    else return undefined;
  }
  return args.dir ? (args as Args) : undefined;
}

function progressBar(): { onProgress: (p: ImportProgress) => void; stop: () => void } {
  const bar = new SingleBar({
    format: 'BDPM import |{bar}| {percentage}% | {value}/{total} rows | {phase}',
    hideCursor: true,
    clearOnComplete: false,
  });
  let started = false;
  return {
    onProgress: (p) => {
      if (!started) bar.start(Math.max(p.total, 1), 0, { phase: p.phase });
      started = true;
      if (p.phase === 'write' || p.phase === 'switch') bar.setTotal(p.total);
      bar.update(p.phase === 'done' ? bar.getTotal() : p.done, { phase: p.phase });
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    err('usage: referential:import <dir> [--force] [--report <file.json>]');
    return 2;
  }
  const config = loadConfig();
  const ds = new DataSource({ ...databaseOptions(config), entities: MEDICINES_ENTITIES });
  await ds.initialize();
  const bar = progressBar();
  try {
    await ds.runMigrations({ transaction: 'each' });
    out(`database: ${databaseFile(config)}`);
    const result: ImportResult = await new BdpmImporter(ds).importDirectory(args.dir, {
      force: args.force,
      onProgress: bar.onProgress,
    });
    bar.stop();
    for (const line of formatImportSummary(result)) out(line);
    if (args.report) {
      writeFileSync(args.report, JSON.stringify(result, null, 2));
      out(`full report: ${args.report}`);
    }
    return 0;
  } finally {
    bar.stop();
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof MedicinesException || e instanceof ConfigError) {
      err(`referential:import: ${e.message}`);
      process.exit(1);
    }
    err(`referential:import failed: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
