import { CIS_RE, FileCollector, LineParser, ParsedFile, parseLines, SpecialityRow } from './bdpm-rows';
import { BdpmLine, cell } from './bdpm-text';
import { parseFrenchDate } from './bdpm-values';

export const CIS_FILE = 'CIS_bdpm.txt';

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

/** CIS_bdpm.txt, 12 columns (ANSM "Contenu et format des fichiers", 27/08/2025). */
export function cisParser(): LineParser<SpecialityRow> {
  const c = new FileCollector<SpecialityRow>(CIS_FILE);
  const seen = new Set<string>();
  const parse = (l: BdpmLine): void => {
    if (!c.columns(l, 8, 12)) return;
    const cis = cell(l.cells, 0) ?? '';
    const name = cell(l.cells, 1);
    if (!CIS_RE.test(cis)) {
      c.reject(l, `CIS "${cis}" is not 8 digits`);
      return;
    }
    if (!name) {
      c.reject(l, 'no dénomination');
      return;
    }
    if (seen.has(cis)) {
      c.reject(l, `CIS ${cis} already seen`);
      return;
    }
    seen.add(cis);
    let authorisedOn = parseFrenchDate(cell(l.cells, 7));
    if (authorisedOn === 'invalid') {
      c.warn(l, `date d'AMM "${cell(l.cells, 7)}" is not a valid date; left empty`);
      authorisedOn = undefined;
    }
    c.result.rows.push({
      line: l.line,
      cis,
      name,
      form: cell(l.cells, 2) ?? '',
      routes: list(cell(l.cells, 3)),
      authorisationStatus: cell(l.cells, 4) ?? '',
      procedure: cell(l.cells, 5) ?? '',
      marketingState: cell(l.cells, 6) ?? '',
      authorisedOn,
      bdmStatus: cell(l.cells, 8),
      euNumber: cell(l.cells, 9),
      // Titulaires carry a leading space and may be several, ';'-separated (README).
      holders: list(cell(l.cells, 10)),
      enhancedMonitoring: cell(l.cells, 11)?.toLowerCase() === 'oui',
    });
  };
  return { collector: c, parse };
}

export const parseCisFile = (lines: BdpmLine[]): ParsedFile<SpecialityRow> => parseLines(cisParser(), lines);
