import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeImage } from '../src/scan/image/decode-image';
import { greyImage } from '../src/scan/image/grey-image';
import { a4Page, buildCorpus, HARD_SETS, phoneFrame, Sample } from '../test/support/image-corpus';
import { toJpeg, toPng } from '../test/support/image-transforms';
import { fmt, percentile, row } from './stats';

/*
 * Codes from images (issue 9): Comptoir's decoder against zbarimg (QR; Debian zbar-tools) and dmtxread
 * (DataMatrix; Debian dmtx-utils) on the same files in the same run. Comptoir is timed in-process from
 * the file's bytes; the tools are timed per call, process start included (shown on its own row).
 */

const DEADLINE_MS = 5000;

interface Tool {
  name: 'zbarimg' | 'dmtxread';
  args: (file: string) => string[];
}

const ZBAR: Tool = {
  name: 'zbarimg',
  args: (f) => ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', '-Sqrcode.binary', f],
};
const DMTX: Tool = { name: 'dmtxread', args: (f) => ['-N1', `-m${DEADLINE_MS}`, f] };

function installed(tool: Tool): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool.name}`]).status === 0;
}

/** One call of the tool: wall time and what it printed. */
function runTool(tool: Tool, file: string): { ms: number; out: string } {
  const started = performance.now();
  const r = spawnSync(tool.name, tool.args(file), { timeout: DEADLINE_MS * 3, maxBuffer: 1 << 20 });
  return { ms: performance.now() - started, out: r.stdout?.toString('utf8') ?? '' };
}

async function runComptoir(bytes: Buffer, mimeType: string): Promise<{ ms: number; texts: string[] }> {
  const started = performance.now();
  try {
    const codes = await decodeImage(bytes, mimeType, { deadlineMs: DEADLINE_MS });
    return { ms: performance.now() - started, texts: codes.map((c) => c.text) };
  } catch {
    return { ms: performance.now() - started, texts: [] };
  }
}

interface Picture {
  file: string;
  bytes: Buffer;
  mimeType: string;
}

function write(dir: string, name: string, bytes: Buffer, mimeType: string): Picture {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { file, bytes, mimeType };
}

const ms = (values: number[]) => [fmt(percentile(values, 50), 0), fmt(percentile(values, 99), 0)];

/** Decode time per picture (p50/p99) and recognition on the hard set, as markdown. */
export async function benchImages(frames = 10, pages = 6, rounds = 3): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-images-'));
  try {
    const tools = [ZBAR, DMTX].filter(installed);
    const missing = [ZBAR, DMTX].filter((t) => !tools.includes(t)).map((t) => t.name);
    const sets: [string, Picture[], Tool[]][] = [
      [
        '1280×720 webcam frame of a phone (JPEG, QR)',
        Array.from({ length: frames }, (_, i) =>
          write(dir, `frame-${i}.jpg`, toJpeg(phoneFrame(i), 85), 'image/jpeg'),
        ),
        tools.filter((t) => t === ZBAR),
      ],
      [
        '200 dpi A4 page (PNG, QR + DataMatrix)',
        Array.from({ length: pages }, (_, i) =>
          write(dir, `a4-${i}.png`, toPng(a4Page(i, i % 2 === 1).image), 'image/png'),
        ),
        tools,
      ],
    ];
    const startup = write(dir, 'one-pixel.png', toPng(greyImage(1, 1)), 'image/png');
    const lines = [
      '### Decode time per picture (ms)\n',
      row([
        'picture',
        'calls',
        'Comptoir p50',
        'Comptoir p99',
        'zbarimg p50',
        'zbarimg p99',
        'dmtxread p50',
        'dmtxread p99',
      ]),
      row(Array(8).fill('---')),
    ];
    for (const [label, pictures, use] of sets) {
      const ours: number[] = [];
      const theirs: Record<string, number[]> = { zbarimg: [], dmtxread: [] };
      for (let r = 0; r < rounds; r++) {
        for (const p of pictures) {
          ours.push((await runComptoir(p.bytes, p.mimeType)).ms);
          for (const t of use) theirs[t.name].push(runTool(t, p.file).ms);
        }
      }
      const cell = (name: string) => (theirs[name].length ? ms(theirs[name]) : ['—', '—']);
      lines.push(row([label, ours.length, ...ms(ours), ...cell('zbarimg'), ...cell('dmtxread')]));
    }
    const start = (t: Tool) =>
      tools.includes(t) ? ms([0, 1, 2].map(() => runTool(t, startup.file).ms)) : ['—', '—'];
    lines.push(row(['process start alone (1×1 PNG)', 3, '—', '—', ...start(ZBAR), ...start(DMTX)]));
    lines.push('', ...(await recognition(dir, tools)));
    if (missing.length)
      lines.push('', `Not installed: ${missing.join(', ')} (apt-get install zbar-tools dmtx-utils).`);
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each tool on its own symbology; Comptoir on both. A sample counts when every expected text is read. */
async function recognition(dir: string, tools: Tool[]): Promise<string[]> {
  const corpus = buildCorpus().filter((s) => HARD_SETS.includes(s.set));
  const tally = new Map<string, Record<string, [number, number]>>();
  const count = (set: string, key: string, ok: boolean) => {
    const t = tally.get(set) ?? {};
    const [hit, n] = t[key] ?? [0, 0];
    t[key] = [hit + (ok ? 1 : 0), n + 1];
    tally.set(set, t);
  };
  for (const s of corpus) {
    const pic = write(dir, `${s.name}.${s.mimeType === 'image/png' ? 'png' : 'jpg'}`, s.bytes, s.mimeType);
    const ours = (await runComptoir(s.bytes, s.mimeType)).texts;
    for (const [fmtName, tool, texts] of split(s)) {
      if (texts.length === 0) continue;
      count(
        s.set,
        `${fmtName}:Comptoir`,
        texts.every((e) => ours.includes(e)),
      );
      if (tools.includes(tool)) {
        const out = runTool(tool, pic.file).out;
        count(
          s.set,
          `${fmtName}:${tool.name}`,
          texts.every((e) => out.includes(e)),
        );
      }
    }
  }
  const keys = ['qr:Comptoir', 'qr:zbarimg', 'dm:Comptoir', 'dm:dmtxread'];
  const rate = (v?: [number, number]) => (v ? `${v[0]}/${v[1]}` : '—');
  const total: Record<string, [number, number]> = {};
  const lines = [
    '### Recognition on the hard set (each tool on its own symbology)\n',
    row(['set', 'QR: Comptoir', 'QR: zbarimg', 'DataMatrix: Comptoir', 'DataMatrix: dmtxread']),
    row(Array(5).fill('---')),
  ];
  for (const [set, t] of tally) {
    lines.push(row([set, ...keys.map((k) => rate(t[k]))]));
    for (const k of keys)
      if (t[k]) total[k] = [(total[k]?.[0] ?? 0) + t[k][0], (total[k]?.[1] ?? 0) + t[k][1]];
  }
  const pct = (v?: [number, number]) => (v ? `${rate(v)} (${Math.round((100 * v[0]) / v[1])} %)` : '—');
  lines.push(row(['**all**', ...keys.map((k) => pct(total[k]))]));
  return lines;
}

/** A sample's expected texts by symbology: JSON is the QR, the rest DataMatrix. */
function split(s: Sample): ['qr' | 'dm', Tool, string[]][] {
  return [
    ['qr', ZBAR, s.expected.filter((e) => e.startsWith('{'))],
    ['dm', DMTX, s.expected.filter((e) => !e.startsWith('{'))],
  ];
}
