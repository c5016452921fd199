import { AvailabilityRow, CIS_RE, FileCollector, LineParser, ParsedFile, parseLines } from './bdpm-rows';
import { BdpmLine, cell } from './bdpm-text';
import { isValidCip13, parseFrenchDate } from './bdpm-values';

export const DISPO_FILE = 'CIS_CIP_Dispo_Spec.txt';

/** CIS_CIP_Dispo_Spec.txt, 8 columns; CIP13 empty means every presentation of the CIS (README). */
export function dispoParser(): LineParser<AvailabilityRow> {
  const c = new FileCollector<AvailabilityRow>(DISPO_FILE);
  const seen = new Set<string>();
  const parse = (l: BdpmLine): void => {
    if (!c.columns(l, 4, 8)) return;
    const cis = cell(l.cells, 0) ?? '';
    const cip13 = cell(l.cells, 1);
    const code = cell(l.cells, 2) ?? '';
    const dates = [4, 5, 6].map((i) => parseFrenchDate(cell(l.cells, i)));
    if (!CIS_RE.test(cis)) c.reject(l, `CIS "${cis}" is not 8 digits`);
    else if (cip13 !== undefined && !isValidCip13(cip13)) c.reject(l, `CIP13 "${cip13}" is not valid`);
    else if (!/^[1-4]$/.test(code)) c.reject(l, `status code "${code}" is not 1 to 4`);
    else if (dates.includes('invalid')) c.reject(l, 'a date is not JJ/MM/AAAA');
    else if (seen.has(l.cells.join('\t'))) c.reject(l, 'same row already seen');
    else {
      seen.add(l.cells.join('\t'));
      const [startedOn, updatedOn, restoredOn] = dates as (string | undefined)[];
      c.result.rows.push({
        line: l.line,
        cis,
        cip13,
        statusCode: Number(code) as AvailabilityRow['statusCode'],
        statusLabel: cell(l.cells, 3) ?? '',
        startedOn,
        updatedOn,
        restoredOn,
        link: cell(l.cells, 7),
      });
    }
  };
  return { collector: c, parse };
}

export const parseDispoFile = (lines: BdpmLine[]): ParsedFile<AvailabilityRow> =>
  parseLines(dispoParser(), lines);
