import type { BdpmLine } from './bdpm-text';

/** A row left out of the import, with the reason; `line` is the 1-based line in its file. */
export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
  raw: string;
}

/** A row kept after a repair or with a doubtful value, reported so that nothing changes silently. */
export interface RowWarning {
  file: string;
  line: number;
  message: string;
}

export interface ParsedFile<T> {
  rows: T[];
  rejected: RejectedRow[];
  warnings: RowWarning[];
}

/** CIS_bdpm.txt: one speciality. */
export interface SpecialityRow {
  line: number;
  cis: string;
  name: string;
  form: string;
  routes: string[];
  authorisationStatus: string;
  procedure: string;
  marketingState: string;
  authorisedOn?: string;
  bdmStatus?: string;
  euNumber?: string;
  holders: string[];
  enhancedMonitoring: boolean;
}

/** CIS_CIP_bdpm.txt: one presentation (a box). */
export interface PresentationRow {
  line: number;
  cis: string;
  cip7: string;
  cip13: string;
  label: string;
  status: string;
  marketingState: string;
  declaredOn?: string;
  collectivities?: boolean;
  rates: number[];
  priceCents?: number;
  publicPriceCents?: number;
  feeCents?: number;
  reimbursementText?: string;
}

/** CIS_COMPO_bdpm.txt: one component; `link` ties a substance (SA) to its fraction thérapeutique (FT). */
export interface CompositionRow {
  line: number;
  cis: string;
  element: string;
  substanceCode: string;
  substanceName: string;
  dosage?: string;
  reference?: string;
  nature: 'SA' | 'FT';
  link: number;
}

/** CIS_GENER_bdpm.txt: membership of a CIS in a generic group. */
export interface GenericRow {
  line: number;
  groupId: number;
  label: string;
  cis: string;
  type: 0 | 1 | 2 | 4;
  sortOrder: number;
}

/** CIS_CPD_bdpm.txt: one condition of prescription or delivery. */
export interface ConditionRow {
  line: number;
  cis: string;
  text: string;
}

/** CIS_MITM.txt: a médicament d'intérêt thérapeutique majeur with its ATC code. */
export interface MitmRow {
  line: number;
  cis: string;
  atc: string;
  name: string;
  link?: string;
}

/** CIS_CIP_Dispo_Spec.txt: a shortage, tension, withdrawal or return, for a CIS or one CIP13. */
export interface AvailabilityRow {
  line: number;
  cis: string;
  cip13?: string;
  statusCode: 1 | 2 | 3 | 4;
  statusLabel: string;
  startedOn?: string;
  updatedOn?: string;
  restoredOn?: string;
  link?: string;
}

/** HAS_LiensPageCT_bdpm.txt: the page of a HAS Commission de la transparence opinion. */
export interface HasLinkRow {
  line: number;
  ctCode: string;
  url: string;
}

/** Collects rows, rejections and warnings of one file while its lines are parsed. */
export class FileCollector<T> {
  readonly result: ParsedFile<T> = { rows: [], rejected: [], warnings: [] };

  constructor(readonly file: string) {}

  reject(l: BdpmLine, reason: string): void {
    this.result.rejected.push({
      file: this.file,
      line: l.line,
      reason,
      raw: l.cells.join('\t').slice(0, 300),
    });
  }

  warn(l: BdpmLine, message: string): void {
    this.result.warnings.push({ file: this.file, line: l.line, message });
  }

  /** Rejects lines with too few or too many cells; the last cells may be missing when empty. */
  columns(l: BdpmLine, min: number, max: number): boolean {
    if (l.cells.length >= min && l.cells.length <= max) return true;
    this.reject(l, `expected ${max} columns, found ${l.cells.length}`);
    return false;
  }
}

export const CIS_RE = /^\d{8}$/;

/** A file parser fed one line at a time, so that a large file can be parsed and written in chunks. */
export interface LineParser<T> {
  collector: FileCollector<T>;
  parse(line: BdpmLine): void;
}

/** Runs a line parser over a whole file. */
export function parseLines<T>(parser: LineParser<T>, lines: BdpmLine[]): ParsedFile<T> {
  for (const l of lines) parser.parse(l);
  return parser.collector.result;
}
