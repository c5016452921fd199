import { CIS_RE, FileCollector, GenericRow, LineParser, ParsedFile, parseLines } from './bdpm-rows';
import { BdpmLine, cell } from './bdpm-text';

export const GENER_FILE = 'CIS_GENER_bdpm.txt';

/** Type codes of the répertoire des génériques (README): 0 princeps, 1 générique, 2 par complémentarité
 * posologique, 4 substituable. There is no 3. */
const TYPES = new Set([0, 1, 2, 4]);

/** CIS_GENER_bdpm.txt, 5 columns. A CIS may belong to several groups (63 in the May 2026 snapshot). */
export function generParser(): LineParser<GenericRow> {
  const c = new FileCollector<GenericRow>(GENER_FILE);
  const seen = new Set<string>();
  const parse = (l: BdpmLine): void => {
    if (!c.columns(l, 4, 5)) return;
    const [group, label, cis, type, sort] = [0, 1, 2, 3, 4].map((i) => cell(l.cells, i) ?? '');
    const key = `${group}:${cis}`;
    if (!/^\d+$/.test(group)) c.reject(l, `group id "${group}" is not a number`);
    else if (!CIS_RE.test(cis)) c.reject(l, `CIS "${cis}" is not 8 digits`);
    else if (!/^\d$/.test(type) || !TYPES.has(Number(type)))
      c.reject(l, `generic type "${type}" is not 0, 1, 2 or 4`);
    else if (seen.has(key)) c.reject(l, `CIS ${cis} already listed in group ${group}`);
    else {
      seen.add(key);
      c.result.rows.push({
        line: l.line,
        groupId: Number(group),
        label,
        cis,
        type: Number(type) as GenericRow['type'],
        sortOrder: /^\d+$/.test(sort) ? Number(sort) : 0,
      });
    }
  };
  return { collector: c, parse };
}

export const parseGenerFile = (lines: BdpmLine[]): ParsedFile<GenericRow> => parseLines(generParser(), lines);
