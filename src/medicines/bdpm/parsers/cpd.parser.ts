import { CIS_RE, ConditionRow, FileCollector, LineParser, ParsedFile, parseLines } from './bdpm-rows';
import { BdpmLine, cell } from './bdpm-text';

export const CPD_FILE = 'CIS_CPD_bdpm.txt';

/** CIS_CPD_bdpm.txt, 2 columns; several rows per CIS; blank lines after CR CR LF are skipped (README). */
export function cpdParser(): LineParser<ConditionRow> {
  const c = new FileCollector<ConditionRow>(CPD_FILE);
  const seen = new Set<string>();
  const parse = (l: BdpmLine): void => {
    if (!c.columns(l, 2, 2)) return;
    const cis = cell(l.cells, 0) ?? '';
    const text = cell(l.cells, 1)?.replace(/\s+/g, ' ');
    if (!CIS_RE.test(cis)) c.reject(l, `CIS "${cis}" is not 8 digits`);
    else if (!text) c.reject(l, 'no condition text');
    else if (seen.has(`${cis}\t${text}`)) c.reject(l, `condition already listed for CIS ${cis}`);
    else {
      seen.add(`${cis}\t${text}`);
      c.result.rows.push({ line: l.line, cis, text });
    }
  };
  return { collector: c, parse };
}

export const parseCpdFile = (lines: BdpmLine[]): ParsedFile<ConditionRow> => parseLines(cpdParser(), lines);
