import { CIS_RE, FileCollector, LineParser, MitmRow, ParsedFile, parseLines } from './bdpm-rows';
import { BdpmLine, cell } from './bdpm-text';

export const MITM_FILE = 'CIS_MITM.txt';

/** ATC code: letter, 2 digits, 2 letters, 2 digits, truncated at any level (WHO ATC structure). */
const ATC_RE = /^[A-Z](\d{2}([A-Z]([A-Z](\d{2})?)?)?)?$/;

/** CIS_MITM.txt, 4 columns; no newline after the last line (README). */
export function mitmParser(): LineParser<MitmRow> {
  const c = new FileCollector<MitmRow>(MITM_FILE);
  const seen = new Set<string>();
  const parse = (l: BdpmLine): void => {
    if (!c.columns(l, 3, 4)) return;
    const cis = cell(l.cells, 0) ?? '';
    const atc = (cell(l.cells, 1) ?? '').toUpperCase();
    if (!CIS_RE.test(cis)) c.reject(l, `CIS "${cis}" is not 8 digits`);
    else if (!ATC_RE.test(atc)) c.reject(l, `ATC code "${atc}" is malformed`);
    else if (seen.has(cis)) c.reject(l, `CIS ${cis} already listed`);
    else {
      seen.add(cis);
      c.result.rows.push({ line: l.line, cis, atc, name: cell(l.cells, 2) ?? '', link: cell(l.cells, 3) });
    }
  };
  return { collector: c, parse };
}

export const parseMitmFile = (lines: BdpmLine[]): ParsedFile<MitmRow> => parseLines(mitmParser(), lines);
