import { isUtf8 } from 'node:buffer';
import { decode } from 'iconv-lite';

export type BdpmEncoding = 'utf-8' | 'windows-1252';

/** One raw line of a BDPM file: its 1-based line number and its tab-separated cells. */
export interface BdpmLine {
  line: number;
  cells: string[];
}

/**
 * Each BDPM file has its own encoding (data/bdpm/README.md: CIS_CIP_bdpm.txt is UTF-8, the others
 * windows-1252), so it is guessed per file: bytes that form valid UTF-8 are UTF-8, anything else is
 * windows-1252 (not ISO-8859-1, which would turn 0x92 and 0x96 into control characters instead of ’ and –).
 */
export function detectEncoding(bytes: Uint8Array): BdpmEncoding {
  return isUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

export function decodeBdpm(bytes: Uint8Array): { text: string; encoding: BdpmEncoding } {
  const encoding = detectEncoding(bytes);
  const text = decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding };
}

/**
 * The lines of a decoded file, as cells, one at a time (a large file is never held as one array of lines).
 * CRLF, LF, and the CR CR LF of CIS_CPD_bdpm.txt (README) all end a line; blank lines are skipped but
 * counted, so that line numbers match the file in a report.
 */
export function* bdpmLines(text: string): Generator<BdpmLine> {
  let line = 0;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    let stop = end;
    while (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
    const raw = text.slice(start, stop);
    if (raw.trim() !== '') yield { line, cells: raw.split('\t') };
    start = end + 1;
  }
}

/** Every line of a decoded file at once (see {@link bdpmLines}). */
export function splitBdpmLines(text: string): BdpmLine[] {
  return [...bdpmLines(text)];
}

/** Trims a cell; an empty cell is undefined. */
export function cell(cells: string[], index: number): string | undefined {
  const value = cells[index]?.trim();
  return value ? value : undefined;
}
