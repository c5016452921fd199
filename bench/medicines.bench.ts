import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Database } from '../src/core/database/database';
import { databaseOptions } from '../src/core/database/database.options';
import { BdpmReferential } from '../src/medicines/bdpm/bdpm.referential';
import { MEDICINES_ENTITIES } from '../src/medicines/entities';
import { SHIPPED_SUBSET_DIR } from '../src/medicines/medicines.bootstrap';
import { fmt, percentile, row } from './stats';

const root = join(__dirname, '..');
const FULL_BDPM = join(root, '../shared/data/bdpm');

interface CliRun {
  wallMs: number;
  peakRssMb: number;
  stdout: string;
}

/** Runs the import CLI as a child process, sampling its peak RSS (VmHWM) from /proc every 10 ms. */
function runCli(args: string[], dataDir: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, COMPTOIR_ENV: 'test', COMPTOIR_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // the process has just exited: its last sample stands
      }
    };
    const timer = setInterval(sample, 10);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`import CLI exited ${code}: ${stderr}`));
      else resolve({ wallMs: performance.now() - started, peakRssMb: peakKb / 1024, stdout });
    });
  });
}

const importMs = (stdout: string): string => /in (\d+) ms/.exec(stdout)?.[1] ?? '?';

/**
 * Full BDPM import (time, peak RSS) through the CLI as `npm run referential:import` runs it (compiled),
 * and through swc-node; then warm look-up latencies of the BDPM adapter in this process.
 */
export async function benchMedicines(lookups = 100_000): Promise<string[]> {
  const source = existsSync(FULL_BDPM) ? FULL_BDPM : SHIPPED_SUBSET_DIR;
  const label = source === FULL_BDPM ? 'full BDPM' : 'shipped subset (../shared absent)';
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-med-'));
  const lines = [row(['measure', 'value']), row(['---', '---'])];
  try {
    execFileSync(process.execPath, ['scripts/build.js'], { cwd: root });
    const compiled = ['--enable-source-maps', 'dist/src/medicines/cli/import.js', source];
    const first = await runCli(compiled, dataDir);
    const again = await runCli(compiled, dataDir);
    const forced = await runCli([...compiled, '--force'], dataDir);
    const swc = await runCli(
      ['-r', '@swc-node/register', 'src/medicines/cli/import.ts', source, '--force'],
      dataDir,
    );
    lines.push(
      row([
        `${label} import, empty database (CLI, compiled): import / process wall`,
        `${importMs(first.stdout)} ms / ${fmt(first.wallMs, 0)} ms`,
      ]),
      row([`${label} import, empty database: peak RSS (VmHWM)`, `${fmt(first.peakRssMb, 1)} MB`]),
      row([
        `${label} re-import, replacing the version (--force): import / peak RSS`,
        `${importMs(forced.stdout)} ms / ${fmt(forced.peakRssMb, 1)} MB`,
      ]),
      row([`${label} re-import, same files (no-op): process wall`, `${fmt(again.wallMs, 0)} ms`]),
      row([
        `${label} import via swc-node (--force): import / peak RSS`,
        `${importMs(swc.stdout)} ms / ${fmt(swc.peakRssMb, 1)} MB`,
      ]),
    );

    const config = { dataDir, database: { file: 'comptoir.sqlite', busyTimeoutMs: 5000, poolSize: 10 } };
    const ds = new DataSource({ ...databaseOptions(config), entities: MEDICINES_ENTITIES });
    await ds.initialize();
    const db = new Database(ds, config);
    await db.onModuleInit();
    try {
      const rss = () => process.memoryUsage().rss / 1024 / 1024;
      const rssBefore = rss();
      const referential = new BdpmReferential(db);
      const t0 = performance.now();
      await referential.load();
      const loadMs = performance.now() - t0;
      const cip13s = (
        (await ds.query(`SELECT "cip13" FROM "medicines_presentations"`)) as { cip13: string }[]
      ).map((r) => r.cip13);
      const order = (i: number) => cip13s[(i * 7919) % cip13s.length];
      const cold: number[] = [];
      for (let i = 0; i < Math.min(2000, cip13s.length); i++) {
        const s = performance.now();
        await referential.findByCip13(order(i)); // first look-up of its CIS: read from SQLite, built, kept
        cold.push((performance.now() - s) * 1000);
      }
      const t1 = performance.now();
      const warmed = await referential.warmAll();
      const warmAllMs = performance.now() - t1;
      const rssWarm = rss() - rssBefore;
      const samples: number[] = [];
      for (let i = 0; i < lookups; i++) {
        const c = order(i);
        const s = performance.now();
        await referential.findByCip13(c);
        samples.push((performance.now() - s) * 1000);
      }
      const dc: number[] = [];
      for (let i = 0; i < 200; i++) {
        const s = performance.now();
        await referential.searchByDc({ substance: 'PARACÉTAMOL', strength: '1 g', form: 'gélule' });
        dc.push(performance.now() - s);
      }
      lines.push(
        row([
          `service start: load the active version's code maps (${cip13s.length} presentations)`,
          `${fmt(loadMs, 0)} ms`,
        ]),
        row([
          `CIP13 look-up, cold (first of its CIS, read from SQLite), p50 / p99 (n=${cold.length})`,
          `${fmt(percentile(cold, 50))} / ${fmt(percentile(cold, 99))} µs`,
        ]),
        row([
          `CIP13 look-up, warm, p50 / p99 (n=${lookups})`,
          `${fmt(percentile(samples, 50))} / ${fmt(percentile(samples, 99))} µs`,
        ]),
        row([
          `warm every speciality (${warmed}): time / RSS growth`,
          `${fmt(warmAllMs, 0)} ms / ${fmt(rssWarm, 1)} MB`,
        ]),
        row([
          'DC search "PARACÉTAMOL 1 g gélule", warm, p50 / p99 (n=200)',
          `${fmt(percentile(dc, 50))} / ${fmt(percentile(dc, 99))} ms`,
        ]),
      );
    } finally {
      await db.onApplicationShutdown();
      await ds.destroy();
    }
    return lines;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
