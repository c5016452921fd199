import type { ImportResult } from '../bdpm/bdpm-importer';

/** Examples printed per kind of rejection; `--report` writes them all. */
const EXAMPLES = 3;

/** The reason with its codes and values masked, so that rows rejected for the same cause group together. */
function reasonKind(reason: string): string {
  return reason.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'n');
}

/** The lines the import CLI prints: version, per-file figures, per-table counts, rejections by kind. */
export function formatImportSummary(result: ImportResult): string[] {
  const lines: string[] = [];
  const verb = result.status === 'unchanged' ? 'unchanged (same content hash), still' : 'imported as';
  lines.push(`referential ${verb} version ${result.versionId} in ${result.durationMs} ms`);
  lines.push(`content hash ${result.contentHash}`);
  lines.push('');
  lines.push('file                        encoding      lines     rows  rejected  warnings');
  for (const f of result.report.files) {
    lines.push(
      `${f.file.padEnd(27)} ${f.encoding.padEnd(12)} ${String(f.lines).padStart(6)} ${String(f.rows).padStart(8)} ` +
        `${String(f.rejected).padStart(9)} ${String(f.warnings).padStart(9)}`,
    );
  }
  lines.push('');
  lines.push(
    'counts: ' +
      Object.entries(result.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
  );
  for (const note of result.report.notes) lines.push(`note: ${note}`);
  const groups = new Map<string, typeof result.report.rejected>();
  for (const r of result.report.rejected) {
    const key = `${r.file}: ${reasonKind(r.reason)}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  if (groups.size) lines.push('', `rejected rows (${result.report.rejected.length}):`);
  for (const [kind, rows] of groups) {
    lines.push(`  ${rows.length} × ${kind}`);
    for (const r of rows.slice(0, EXAMPLES)) lines.push(`      line ${r.line}: ${r.reason}`);
  }
  const warned = new Map<string, number>();
  for (const w of result.report.warnings) {
    const key = `${w.file}: ${reasonKind(w.message)}`;
    warned.set(key, (warned.get(key) ?? 0) + 1);
  }
  if (warned.size) lines.push('', `warnings (${result.report.warnings.length}):`);
  for (const [kind, n] of warned) lines.push(`  ${n} × ${kind}`);
  return lines;
}
