import { performance } from 'node:perf_hooks';
import { reconcile } from '../src/dispensation/reconciliation/reconcile';
import { loadFacts, PackRecord } from '../src/dispensation/reconciliation/referential-facts';
import {
  ACL13_PARAPHARMACY,
  CIP,
  DEVICE_CODE,
  line,
  prescription,
} from '../test/factories/dispensation.factory';
import { subsetReferential } from '../test/support/subset-referential';
import { EXAMPLE_SEED } from '../test/fixtures/teleservice/examples';
import { BENCH_TOKEN, startSandboxProcess, startService } from './service';
import { fmt, percentile, row } from './stats';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PARACETAMOL_DC = { substance: 'PARACÉTAMOL', strength: '1 g', form: 'gélule' };

/** Ten lines of every kind the rules know: speciality, generic group, MTE, DC, liste II, narcotic, device, magistral. */
function tenLines() {
  const daily = (unitsPerDay: number) => ({ text: `${unitsPerDay} par jour`, unitsPerDay });
  return [
    line({ product: { cis: '69309629', dc: PARACETAMOL_DC }, posology: daily(3), quantity: { boxes: 3 } }),
    line({ product: { cis: '66511789', cip13: CIP.amoxBgr14 }, posology: daily(2), durationDays: 14 }),
    line({
      product: { cis: '68416845', cip13: CIP.levothyrox30 },
      posology: daily(1),
      quantity: { boxes: 1 },
      durationDays: 30,
      renewals: 2,
      nonSubstitutable: 'MTE',
    }),
    line({ product: { dc: PARACETAMOL_DC }, posology: daily(3), durationDays: 8 }),
    line({
      product: { dc: { substance: 'LÉVOTHYROXINE SODIQUE', strength: '100 microgrammes', form: 'comprimé' } },
      posology: daily(1),
      durationDays: 30,
    }),
    line({ product: { cis: '64684319', cip13: CIP.antarene30 }, posology: daily(3), durationDays: 10 }),
    line({
      product: { cis: '61227030', cip13: CIP.skenan14 },
      posology: daily(2),
      quantity: { boxes: 2 },
      durationDays: 14,
    }),
    line({
      product: { cis: '66819566', cip13: CIP.leeloo63 },
      posology: daily(0.75),
      quantity: { boxes: 1 },
      durationDays: 84,
    }),
    line({
      kind: 'device',
      product: { lpp: '1000001', code: DEVICE_CODE },
      posology: { text: '1 par contrôle' },
      quantity: { boxes: 3 },
    }),
    line({
      kind: 'magistral',
      product: { label: 'Préparation' },
      posology: { text: '2 applications' },
      quantity: { boxes: 1 },
    }),
  ];
}

/** Thirty packs on those lines (and one beside them), with GS1 data, a duplicate serial and an expired box. */
function thirtyPacks(lineIds: string[]): PackRecord[] {
  const on: [number, string, number][] = [
    [0, CIP.dolipraneGelule, 3],
    [1, CIP.clamoxyl14, 2],
    [1, CIP.amoxBgr6, 1],
    [2, CIP.thyrofix30, 1],
    [2, CIP.levothyrox30, 2],
    [3, CIP.dafalganGelule, 3],
    [4, CIP.thyrofix30, 2],
    [5, CIP.antarene30, 2],
    [6, CIP.skenan14, 3],
    [7, CIP.leeloo63, 2],
    [8, DEVICE_CODE, 3],
    [-1, ACL13_PARAPHARMACY, 1],
    [-1, CIP.rifadine30, 2],
    [-1, CIP.unknown, 1],
    [0, CIP.dafalganGelule, 2],
  ];
  const packs: PackRecord[] = [];
  for (const [lineIndex, code, n] of on) {
    for (let i = 0; i < n; i++) {
      const p: PackRecord = {
        packId: `p${packs.length}`,
        quantity: 1,
        expiry: '2028-06-30',
        lot: 'L1',
        serial: `S${packs.length}`,
      };
      if (code.startsWith('3400')) p.cip13 = code;
      else p.code = code;
      if (lineIndex >= 0) p.lineId = lineIds[lineIndex];
      packs.push(p);
    }
  }
  packs[5].serial = packs[4].serial;
  packs[9].expiry = '2020-01-31';
  return packs.slice(0, 30);
}

/** Reconciling a 10-line prescription with 30 packs, referential warm: look-ups + rules, then rules alone. */
export async function benchReconciliation(samples = 2000): Promise<string[]> {
  const referential = await subsetReferential();
  const lines = tenLines();
  const p = prescription(lines, { createdAt: '2026-11-20' });
  const packs = thirtyPacks(lines.map((l) => l.lineId));
  const manual = [{ deliveryId: 'm1', lineId: lines[9].lineId, quantity: 1 }];
  const run = async () => reconcile(await loadFacts(referential, p, packs, manual, '2026-11-23'));
  const check = await run();
  const statuses = Object.values(check.lines).map((l) => l.status);
  if (packs.length !== 30 || statuses.includes('pending'))
    throw new Error(`bench set is wrong: ${statuses.join()}`);
  for (let i = 0; i < 300; i++) await run();

  const withFacts: number[] = [];
  const rulesOnly: number[] = [];
  const input = await loadFacts(referential, p, packs, manual, '2026-11-23');
  for (let i = 0; i < samples; i++) {
    let t = performance.now();
    await run();
    withFacts.push(performance.now() - t);
    t = performance.now();
    reconcile(input);
    rulesOnly.push(performance.now() - t);
  }
  const cells = (xs: number[]) => [
    fmt(percentile(xs, 50), 3),
    fmt(percentile(xs, 99), 3),
    fmt(Math.max(...xs), 3),
  ];
  return [
    row(['10 lines, 30 packs (' + samples + ' runs)', 'p50 ms', 'p99 ms', 'max ms']),
    row(['---', '---', '---', '---']),
    row(['referential look-ups + rules (warm, in memory)', ...cells(withFacts)]),
    row(['rules alone (pure `reconcile`)', ...cells(rulesOnly)]),
  ];
}

/**
 * One change through the public API, as the counter makes it: the service (compiled, its own process) with the
 * sandbox, a 10-line prescription holding 29 boxes; each round adds a 30th box (`POST …/packs`, answered with
 * the reconciled dispensation, also published as `dispensation-updated`) and takes it off again.
 */
export async function benchReconciliationApi(rounds = 300): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-rec-'));
  const base = 4300 + Math.floor(Math.random() * 50);
  const sandbox = await startSandboxProcess(base, dir);
  const service = await startService(
    base + 60,
    ['terminals: [{ id: counter-1 }]'],
    { COMPTOIR_TELESERVICE_URL: `${sandbox.url}/eprescription` },
    dir,
  );
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${BENCH_TOKEN}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  try {
    const lines = tenLines().map(({ lineId: _l, deliveredHere: _h, deliveredElsewhere: _e, ...l }) => l);
    const today = new Date().toISOString().slice(0, 10);
    const seeded = await fetch(`${sandbox.url}/sandbox/prescriptions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...EXAMPLE_SEED, createdAt: today, lines }),
    });
    const { prescriptionId } = (await seeded.json()) as { prescriptionId: string };
    const opened = await call('POST', '/api/v1/scans', { data: prescriptionId, terminalId: 'counter-1' });
    const id = opened.sessionId as string;
    const packs = thirtyPacks(lines.map((_, i) => String(i + 1)));
    for (const p of packs.slice(0, 29)) {
      await call(
        'POST',
        `/api/v1/dispensations/${id}/packs`,
        p.cip13 ? { cip13: p.cip13 } : { code: p.code },
      );
    }
    const add: number[] = [];
    const remove: number[] = [];
    for (let i = 0; i < rounds + 30; i++) {
      let t = performance.now();
      const view = await call('POST', `/api/v1/dispensations/${id}/packs`, { cip13: CIP.levothyrox30 });
      const added = performance.now() - t;
      const all = [
        ...(view.lines as { packs: { packId: string }[] }[]).flatMap((l) => l.packs),
        ...(view.unassignedPacks as { packId: string }[]),
      ];
      t = performance.now();
      await call('DELETE', `/api/v1/dispensations/${id}/packs/${all.at(-1)!.packId}`);
      const removed = performance.now() - t;
      if (i >= 30) {
        add.push(added);
        remove.push(removed);
      }
    }
    const cells = (xs: number[]) => [fmt(percentile(xs, 50)), fmt(percentile(xs, 99))];
    return [
      row([`one change on 10 lines, 30 packs, over HTTP (${rounds} rounds)`, 'p50 ms', 'p99 ms']),
      row(['---', '---', '---']),
      row(['`POST …/packs` (box added, dispensation reconciled)', ...cells(add)]),
      row(['`DELETE …/packs/:packId`', ...cells(remove)]),
    ];
  } finally {
    await service.stop();
    await sandbox.stop();
  }
}
