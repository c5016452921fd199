import { CIS_RE, FileCollector, LineParser, ParsedFile, parseLines, PresentationRow } from './bdpm-rows';
import { BdpmLine, cell } from './bdpm-text';
import { isValidCip13, parseEuroCents, parseFrenchDate, parseOuiNon, parseRates } from './bdpm-values';

export const CIS_CIP_FILE = 'CIS_CIP_bdpm.txt';

/** Dispensing fees (honoraires) seen in column 12 (README: either 1,02 or 2,76). */
const KNOWN_FEES = new Set([102, 276]);

/** CIS_CIP_bdpm.txt, 13 columns; UTF-8 with LF where the other files are windows-1252 with CRLF (README). */
export function cisCipParser(): LineParser<PresentationRow> {
  const c = new FileCollector<PresentationRow>(CIS_CIP_FILE);
  const seen = new Set<string>();
  const parse = (l: BdpmLine): void => {
    if (!c.columns(l, 7, 13)) return;
    const [cis, cip7, label, cip13] = [0, 1, 2, 6].map((i) => cell(l.cells, i) ?? '');
    if (!CIS_RE.test(cis)) {
      c.reject(l, `CIS "${cis}" is not 8 digits`);
      return;
    }
    if (!/^\d{7}$/.test(cip7)) {
      c.reject(l, `CIP7 "${cip7}" is not 7 digits`);
      return;
    }
    if (!isValidCip13(cip13)) {
      c.reject(l, `CIP13 "${cip13}" is not 13 digits with a valid check digit`);
      return;
    }
    if (cip13.slice(5, 12) !== cip7) c.warn(l, `CIP13 ${cip13} does not embed CIP7 ${cip7}`);
    if (seen.has(cip13)) {
      c.reject(l, `CIP13 ${cip13} already seen`);
      return;
    }
    if (!label) {
      c.reject(l, 'no presentation label');
      return;
    }
    const rates = parseRates(cell(l.cells, 8));
    if (rates === undefined) {
      c.reject(l, `taux de remboursement "${cell(l.cells, 8)}" is not a rate`);
      return;
    }
    const money = moneyColumns(l, c);
    if (!money) return;
    seen.add(cip13);
    let declaredOn = parseFrenchDate(cell(l.cells, 5));
    if (declaredOn === 'invalid') {
      c.warn(l, `declaration date "${cell(l.cells, 5)}" is not a plausible date; left empty`);
      declaredOn = undefined;
    }
    c.result.rows.push({
      line: l.line,
      cis,
      cip7,
      cip13,
      label,
      status: cell(l.cells, 3) ?? '',
      marketingState: cell(l.cells, 4) ?? '',
      declaredOn,
      collectivities: parseOuiNon(cell(l.cells, 7)),
      rates,
      ...money,
      reimbursementText: cell(l.cells, 12),
    });
  };
  return { collector: c, parse };
}

export const parseCisCipFile = (lines: BdpmLine[]): ParsedFile<PresentationRow> =>
  parseLines(cisCipParser(), lines);

type Money = Pick<PresentationRow, 'priceCents' | 'publicPriceCents' | 'feeCents'>;

/** Columns 10–12: price, public price, fee; repairs the rows shifted one column left (README: 3 rows). */
function moneyColumns(l: BdpmLine, c: FileCollector<PresentationRow>): Money | undefined {
  const raw = [9, 10, 11].map((i) => cell(l.cells, i));
  const [price, pub, fee] = raw.map(parseEuroCents);
  const bad = raw.findIndex((r, i) => r !== undefined && [price, pub, fee][i] === undefined);
  if (bad >= 0) {
    c.reject(l, `price column ${bad + 10} "${raw[bad]}" is not an amount in euros`);
    return undefined;
  }
  if (price !== undefined && pub !== undefined && fee === undefined && KNOWN_FEES.has(pub)) {
    c.warn(l, 'fee found in the public-price column (shifted row): public price = price + fee');
    return { priceCents: price, feeCents: pub, publicPriceCents: price + pub };
  }
  if (price !== undefined && pub !== undefined && fee !== undefined && price + fee !== pub) {
    c.warn(l, `price ${price} + fee ${fee} cents differ from the public price ${pub} cents`);
  }
  return { priceCents: price, publicPriceCents: pub, feeCents: fee };
}
