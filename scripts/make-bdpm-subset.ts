// Builds src/medicines/data/bdpm-subset/ from a full BDPM download: the same 8 files, the original bytes of
// the selected lines (encodings, CRLF, quirks kept), and a README listing what was selected and why.
// Usage: node -r @swc-node/register scripts/make-bdpm-subset.ts [<bdpm dir>] [<out dir>]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BDPM_FILE_NAMES, parseBdpmFiles } from '../src/medicines/bdpm/bdpm-dataset';
import { readBdpmDirectory } from '../src/medicines/bdpm/bdpm-importer';
import { compositionStrengths, parseStrength, sameStrength } from '../src/medicines/domain/strength';

const root = join(__dirname, '..');
const source = process.argv[2] ?? join(root, '../shared/data/bdpm');
const target = process.argv[3] ?? join(root, 'src/medicines/data/bdpm-subset');

/** What to take, and why. `groupsOf`: every member of the anchors' generic groups; `dc`: by composition. */
interface Pick {
  why: string;
  cis?: string[];
  groupsOf?: string[];
  dc?: { moiety: string; strength?: string };
}

const PICKS: Pick[] = [
  {
    why: 'paracétamol 1000 mg: DOLIPRANE and the other single-substance paracetamol 1 g specialities (not in the répertoire, so matched in DC)',
    dc: { moiety: 'paracetamol', strength: '1000 mg' },
  },
  {
    why: 'amoxicilline 1 g and 500 mg: CLAMOXYL (princeps) and its generics',
    groupsOf: ['64539416', '67707794'],
  },
  {
    why: 'amoxicilline/acide clavulanique: AUGMENTIN 500 mg/62,5 mg and 1 g/125 mg sachet and their generics',
    groupsOf: ['63565244', '66053338'],
  },
  {
    why: 'lévothyroxine (MTE): every LEVOTHYROX strength, and the generics of 25, 50, 75 and 100 µg',
    cis: ['68588503', '60686803', '65143010', '67202404', '62080626', '63409505', '68416845', '66426100'],
    groupsOf: ['68588503', '65143010', '62080626', '68416845'],
  },
  {
    why: 'narcotics: SKENAN L.P. (morphine sulfate), ACTISKENAN, OXYCONTIN LP and its generics',
    cis: ['61227030', '69666321', '63175461', '68573960', '60696651', '64288864'],
    groupsOf: ['61200108'],
  },
  { why: 'cystitis: fosfomycine trométamol (MONURIL and generics)', groupsOf: ['67951706'] },
  { why: 'cystitis: pivmécillinam (SELEXID)', dc: { moiety: 'pivmecillinam' } },
  {
    why: 'angine (TROD): azithromycine, clarithromycine, céfuroxime, cefpodoxime and their generics',
    groupsOf: ['65740799', '63671347', '67997205', '69634836', '65528337'],
  },
  { why: 'angine (TROD): josamycine (JOSACINE)', dc: { moiety: 'josamycine' } },
  {
    why: 'oral contraceptives (12-week delivery): LEELOO, MINIDRIL, OPTIMIZETTE and their groups',
    groupsOf: ['66819566', '64558256', '67203730'],
  },
  { why: 'liste II: ibuprofène 400 mg comprimé pelliculé and its group', groupsOf: ['60550988'] },
  {
    why: 'buprénorphine haut dosage: SUBUTEX 8 mg (« délivrance fractionnée de 7 jours », « prescription limitée à 4 semaines », MTE) and its generics',
    groupsOf: ['68945058'],
  },
  {
    why: 'zolpidem: STILNOX 10 mg (« prescription limitée à 4 semaines », « chevauchement interdit », ordonnance sécurisée) and its generics',
    groupsOf: ['63179285'],
  },
  {
    why: 'pantoprazole 40 mg: every speciality of that strength (each tablet is gastro-résistant: a « comprimé » DC line is answered by FORM_IMPLIED)',
    dc: { moiety: 'pantoprazole', strength: '40 mg' },
  },
  {
    why: 'whole boxes: ropinirole 1 mg (REQUIP and its generics, packs of 21, liste I)',
    groupsOf: ['66649523'],
  },
  {
    why: 'whole boxes and specialists: topiramate 15 mg (EPITOMAX, packs of 28, NEUROLOGIE/PEDIATRIE/DOULEUR, MTE)',
    groupsOf: ['69104026'],
  },
  { why: 'smallest pack longer than the cap: fluindione 20 mg (PREVISCAN, packs of 30)', cis: ['68133651'] },
  {
    why: "« réservé à l'usage hospitalier » with a CIP13: ANGUSTA 25 microgrammes (misoprostol)",
    cis: ['60213914'],
  },
  {
    why: 'import quirks: shifted price columns, price 1,466,29, date 29/11/2924, CR CR LF in CPD, a CIS in two groups, per-CIP13 and duplicate shortage rows, a shortage',
    cis: [
      '63820563',
      '66266560',
      '60025054',
      '66338465',
      '66371262',
      '60010885',
      '67876901',
      '60247507',
      '61436304',
    ],
  },
  {
    why: 'import quirks: orphan codes (CIS in CIS_CIP_bdpm.txt / CIS_CIP_Dispo_Spec.txt but not in CIS_bdpm.txt)',
    cis: ['62969013', '65381773'],
  },
];

/** Files whose product codes (CIS, CIP13) the subset must cover: demo seeds and test fixtures. */
const CODE_SOURCES = [
  'src/teleservice-sandbox/demo-seeds.ts',
  'test/fixtures/teleservice/examples.ts',
  'test/fixtures/scans/bdpm-presentations.json',
  'devices/sim/demo-scans.ts',
];

/** Raw lines of a file, each with its own line end, so the output keeps the original bytes. */
function rawLines(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

const isBlank = (line: Buffer): boolean => line.toString('latin1').trim() === '';

async function main(): Promise<void> {
  const files = await readBdpmDirectory(source);
  const { dataset } = await parseBdpmFiles(files);
  const specialities = new Map(dataset.specialities.map((s) => [s.cis, s]));
  const groupsOfCis = new Map<string, number[]>();
  for (const g of dataset.genericMembers)
    groupsOfCis.set(g.cis, [...(groupsOfCis.get(g.cis) ?? []), g.groupId]);
  const compositions = new Map<string, typeof dataset.compositions>();
  for (const c of dataset.compositions) compositions.set(c.cis, [...(compositions.get(c.cis) ?? []), c]);
  const cipToCis = new Map(dataset.presentations.map((p) => [p.cip13, p.cis]));
  const cisOfCip = (cip13: string): string | undefined => cipToCis.get(cip13);

  const chosen = new Map<string, string>();
  const groups = new Set<number>();
  const take = (cis: string, why: string) => chosen.has(cis) || chosen.set(cis, why);
  for (const pick of PICKS) {
    for (const cis of pick.cis ?? []) take(cis, pick.why);
    for (const anchor of pick.groupsOf ?? []) {
      const ids = groupsOfCis.get(anchor);
      if (!ids) throw new Error(`${anchor} (${pick.why}) is in no generic group of ${source}`);
      for (const id of ids) groups.add(id);
      for (const g of dataset.genericMembers) if (ids.includes(g.groupId)) take(g.cis, pick.why);
    }
    if (pick.dc) {
      const want = pick.dc.strength ? parseStrength(pick.dc.strength) : undefined;
      for (const [cis, rows] of compositions) {
        if (!rows.every((r) => r.moietyKey === pick.dc!.moiety)) continue;
        const strengths = rows.flatMap((r) =>
          compositionStrengths(r.dosage ?? undefined, r.reference ?? undefined),
        );
        if (!want || strengths.some((s) => sameStrength(s, want))) take(cis, pick.why);
      }
    }
  }
  const fixtures = 'teleservice sandbox demo seeds, scan and teleservice test fixtures';
  for (const path of CODE_SOURCES.filter((p) => existsSync(join(root, p)))) {
    const text = readFileSync(join(root, path), 'utf8');
    for (const m of text.matchAll(/\bcis['"]?\s*:\s*['"](\d{8})['"]/g))
      if (specialities.has(m[1])) take(m[1], fixtures);
    for (const m of text.matchAll(/34009\d{8}/g)) {
      const cis = cisOfCip(m[0]);
      if (cis) take(cis, fixtures);
    }
  }
  for (const cis of chosen.keys()) for (const id of groupsOfCis.get(cis) ?? []) groups.add(id);

  mkdirSync(target, { recursive: true });
  const counts: Record<string, number> = {};
  for (const name of BDPM_FILE_NAMES) {
    const lines = rawLines(files.get(name) as Buffer);
    const keep = selectLines(name, lines, chosen, groups, (cip13) => cisOfCip(cip13));
    const out: Buffer[] = [];
    for (const n of keep) {
      out.push(lines[n]);
      // CIS_CPD_bdpm.txt: a line ending in CR CR LF is followed by a blank line (README); keep the pair.
      if (lines[n + 1] && isBlank(lines[n + 1])) out.push(lines[n + 1]);
    }
    const last = out.length - 1;
    // CIS_MITM.txt has no newline after its last line (README): keep that property.
    if (last >= 0 && lines[lines.length - 1].at(-1) !== 10)
      out[last] = out[last].subarray(0, trimEnd(out[last]));
    writeFileSync(join(target, name), Buffer.concat(out));
    counts[name] = keep.length;
  }
  writeFileSync(join(target, 'README.md'), readme(chosen, specialities, counts));
  console.log(`bdpm subset: ${chosen.size} specialities → ${relative(root, target)}`);
  console.log(counts);
}

function trimEnd(line: Buffer): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === 10 || line[end - 1] === 13)) end--;
  return end;
}

/** Indexes (0-based) of the lines to keep: rows of chosen CIS, of chosen groups, first HAS links. */
function selectLines(
  name: string,
  lines: Buffer[],
  chosen: Map<string, string>,
  groups: Set<number>,
  cisOfCip: (cip13: string) => string | undefined,
): number[] {
  const keep: number[] = [];
  lines.forEach((line, n) => {
    const cells = line
      .toString('latin1')
      .replace(/\r*\n$/, '')
      .split('\t');
    if (cells.length < 2 || isBlank(line)) return;
    if (name === 'HAS_LiensPageCT_bdpm.txt') {
      if (n < 40) keep.push(n);
    } else if (name === 'CIS_GENER_bdpm.txt') {
      if (groups.has(Number(cells[0]))) keep.push(n);
    } else if (
      chosen.has(cells[0]) ||
      (name === 'CIS_CIP_Dispo_Spec.txt' && chosen.has(cisOfCip(cells[1]) ?? ''))
    ) {
      keep.push(n);
    }
  });
  return keep;
}

function readme(
  chosen: Map<string, string>,
  specs: Map<string, { name: string }>,
  counts: Record<string, number>,
): string {
  const byWhy = new Map<string, string[]>();
  for (const [cis, why] of chosen) byWhy.set(why, [...(byWhy.get(why) ?? []), cis]);
  const sections = [...byWhy].map(
    ([why, list]) =>
      `### ${why}\n\n` +
      list
        .sort()
        .map((cis) => `- ${cis} ${specs.get(cis)?.name ?? '(not in CIS_bdpm.txt)'}`)
        .join('\n'),
  );
  return `# BDPM subset shipped with Comptoir

Source: ANSM – Base de données publique des médicaments (Licence Ouverte / Etalab 2.0), the May 2026
snapshot described in \`../shared/data/bdpm/README.md\`. These are the original files cut down to the
lines below: bytes, encodings (CIS_CIP_bdpm.txt UTF-8, the others windows-1252) and line ends are kept.
Generated by \`node -r @swc-node/register scripts/make-bdpm-subset.ts\`; do not edit by hand.

Lines per file: ${Object.entries(counts)
    .map(([f, n]) => `${f} ${n}`)
    .join(', ')}. Generic groups are kept whole (withdrawn members included);
HAS_LiensPageCT_bdpm.txt has no CIS, so only its first 40 lines are kept.

## ${chosen.size} specialities, by reason

${sections.join('\n\n')}
`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
