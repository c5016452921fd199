import { CIS_RE, CompositionRow, FileCollector, LineParser, ParsedFile, parseLines } from './bdpm-rows';
import { BdpmLine, cell } from './bdpm-text';

export const COMPO_FILE = 'CIS_COMPO_bdpm.txt';

/**
 * CIS_COMPO_bdpm.txt, 8 columns. Column 7 is `SA` (substance active) or `FT` (fraction thérapeutique);
 * the ANSM format document says `ST` where the data says `FT` (README), so both mean FT here.
 */
export function compoParser(): LineParser<CompositionRow> {
  const c = new FileCollector<CompositionRow>(COMPO_FILE);
  const parse = (l: BdpmLine): void => {
    if (!c.columns(l, 8, 8)) return;
    const cis = cell(l.cells, 0) ?? '';
    const code = cell(l.cells, 2) ?? '';
    const name = cell(l.cells, 3);
    const nature = cell(l.cells, 6)?.toUpperCase();
    const link = cell(l.cells, 7) ?? '';
    if (!CIS_RE.test(cis)) c.reject(l, `CIS "${cis}" is not 8 digits`);
    else if (!/^\d{1,6}$/.test(code)) c.reject(l, `substance code "${code}" is not numeric`);
    else if (!name) c.reject(l, 'no substance name');
    else if (nature !== 'SA' && nature !== 'FT' && nature !== 'ST')
      c.reject(l, `nature "${nature ?? ''}" is neither SA nor FT`);
    else if (!/^\d+$/.test(link)) c.reject(l, `link number "${link}" is not a number`);
    else
      c.result.rows.push({
        line: l.line,
        cis,
        element: cell(l.cells, 1) ?? '',
        substanceCode: code.padStart(5, '0'),
        substanceName: name,
        dosage: cell(l.cells, 4),
        reference: cell(l.cells, 5),
        nature: nature === 'SA' ? 'SA' : 'FT',
        link: Number(link),
      });
  };
  return { collector: c, parse };
}

export const parseCompoFile = (lines: BdpmLine[]): ParsedFile<CompositionRow> =>
  parseLines(compoParser(), lines);
