import { FileCollector, HasLinkRow, LineParser, ParsedFile, parseLines } from './bdpm-rows';
import { BdpmLine, cell } from './bdpm-text';

export const HAS_CT_FILE = 'HAS_LiensPageCT_bdpm.txt';

/** HAS_LiensPageCT_bdpm.txt, 2 columns; a CT code may have several pages (12 in May 2026). */
export function hasCtParser(): LineParser<HasLinkRow> {
  const c = new FileCollector<HasLinkRow>(HAS_CT_FILE);
  const seen = new Set<string>();
  const parse = (l: BdpmLine): void => {
    if (!c.columns(l, 2, 2)) return;
    const ctCode = cell(l.cells, 0) ?? '';
    const url = cell(l.cells, 1) ?? '';
    if (!/^CT-\d+$/.test(ctCode)) c.reject(l, `"${ctCode}" is not a CT-nnnnn code`);
    else if (!/^https?:\/\//.test(url)) c.reject(l, 'no http(s) link');
    else if (seen.has(`${ctCode} ${url}`)) c.reject(l, 'same row already seen');
    else {
      seen.add(`${ctCode} ${url}`);
      c.result.rows.push({ line: l.line, ctCode, url });
    }
  };
  return { collector: c, parse };
}

export const parseHasCtFile = (lines: BdpmLine[]): ParsedFile<HasLinkRow> => parseLines(hasCtParser(), lines);
