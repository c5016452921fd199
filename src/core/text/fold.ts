// The one accent-folding function of Comptoir, and the folded form every comparison of French text uses.

/** Letters without their accents (NFD, combining marks dropped): « Lévothyroxine » → « Levothyroxine ». */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Lower case, no accents, typographic apostrophes as ', œ/æ spelt out, single spaces, trimmed. */
export function fold(text: string): string {
  return stripAccents(text)
    .replace(/[’‘`´]/g, "'")
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
