import { stripAccents } from './fold';
/** The characters of WinAnsiEncoding above ASCII that are not Latin-1 (0x80–0x9F): Œ œ € ’ — and kin. */
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const EXTRA = new Set(CP1252_EXTRA);
const REPLACEMENTS: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2010': '-',
  '\u2011': '-',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
};

const encodable = (c: string): boolean => {
  const code = c.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || EXTRA.has(c) || c === '\n';
};

/**
 * Text the standard PDF fonts can show (WinAnsiEncoding covers French: é è à ç œ µ « » …). Anything else
 * loses its accents (NFD) or becomes `?`, so a name in another script never prints as garbage.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC')) {
    if (encodable(c)) out += c;
    else if (REPLACEMENTS[c] !== undefined) out += REPLACEMENTS[c];
    else {
      const bare = stripAccents(c);
      out += bare && [...bare].every(encodable) ? bare : /\s/.test(c) ? ' ' : '?';
    }
  }
  return out;
}
