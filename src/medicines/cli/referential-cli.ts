// What `referential:import` and `referential:update` share: the database the configuration names, the
// progress bar, the summary, the exit codes (0 imported or unchanged, 1 failed, 2 usage).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../core/config/config.schema';
import { ConfigError, loadConfig } from '../../core/config/load-config';
import { databaseOptions, describeDatabase } from '../../core/database/database.options';
import { BdpmImporter, ImportProgress, ImportResult } from '../bdpm/bdpm-importer';
import { MEDICINES_ENTITIES } from '../entities';
import { MedicinesException } from '../medicines.exception';
import { formatImportSummary } from './import-summary';

export const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
const err = (line: string): boolean => process.stderr.write(`${line}\n`);

export interface CliArgs {
  /** Positional arguments. */
  values: string[];
  force: boolean;
  report?: string;
  /** `--name value` options other than --report. */
  options: Record<string, string>;
}

/** `[--force] [--report <file>] [--<option> <value>]… [values]…`; undefined on an unknown flag. */
export function parseCliArgs(argv: string[], known: string[] = []): CliArgs | undefined {
  const args: CliArgs = { values: [], force: false, options: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force') args.force = true;
    else if (a === '--report' && argv[i + 1]) args.report = argv[++i];
    else if (a.startsWith('--') && known.includes(a.slice(2)) && argv[i + 1])
      args.options[a.slice(2)] = argv[++i];
    else if (!a.startsWith('--')) args.values.push(a);
    else return undefined;
  }
  return args;
}

export function progressBar(): { onProgress: (p: ImportProgress) => void; stop: () => void } {
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

/**
 * Opens the configured database (migrations run first), runs `work` with an importer and the progress
 * bar, prints the summary and writes the report when asked; the process exit code.
 */
export async function runImport(
  report: string | undefined,
  work: (
    importer: BdpmImporter,
    config: AppConfig,
    onProgress: (p: ImportProgress) => void,
  ) => Promise<ImportResult>,
): Promise<number> {
  const config = loadConfig();
  const ds = new DataSource({ ...databaseOptions(config), entities: MEDICINES_ENTITIES });
  await ds.initialize();
  const bar = progressBar();
  try {
    await ds.runMigrations({ transaction: 'each' });
    out(`database: ${describeDatabase(config)}`);
    const result = await work(new BdpmImporter(ds), config, bar.onProgress);
    bar.stop();
    for (const line of formatImportSummary(result)) out(line);
    if (report) {
      writeFileSync(report, JSON.stringify(result, null, 2));
      out(`full report: ${report}`);
    }
    return 0;
  } finally {
    bar.stop();
    await ds.destroy();
  }
}

/** Runs a CLI's main: exit with its code; a known failure is one line and exit code 1. */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof MedicinesException || e instanceof ConfigError) {
        err(`${name}: ${e.message}`);
        process.exit(1);
      }
      err(`${name} failed: ${(e as Error).stack ?? String(e)}`);
      process.exit(1);
    },
  );
}
