/*
 * What a person may not read on a page (issue 20): an English sentence or a raw code. The words below never
 * occur in the pages' French (French homographs such as « prescription », « code », « session » are left
 * out); the code pattern is an UPPER_SNAKE identifier as the API spells its codes.
 */
export const ENGLISH_WORDS = [
  'the', 'this', 'that', 'these', 'is', 'are', 'was', 'were', 'be', 'been', 'not', 'no', 'of', 'and', 'with',
  'for', 'from', 'to', 'has', 'have', 'cannot', 'must', 'should', 'please', 'retry', 'failed', 'fetch',
  'error', 'errors', 'unknown', 'invalid', 'missing', 'required', 'expired', 'matches', 'match', 'found',
  'issue', 'issues', 'blocking', 'warning', 'override', 'overridden', 'pack', 'packs', 'box', 'boxes',
  'line', 'lines', 'delivery', 'delivered', 'scanned', 'already', 'status', 'pending', 'matched', 'partial',
  'open', 'closed', 'queued', 'parked', 'sending', 'acknowledged', 'invoiced', 'rejected', 'cancelled',
  'abandoned', 'retrieved', 'resolved', 'new', 'out-of-stock', 'not-delivered', 'in-progress',
  'undefined', 'null', 'NaN', 'true', 'false', 'object', 'request', 'response', 'body', 'field', 'value',
];

export const RAW_CODE = /\b[A-Z]+_[A-Z_]+\b/;

const WORDS = new RegExp(`(?<![\\p{L}-])(${ENGLISH_WORDS.join('|')})(?![\\p{L}-])`, 'iu');

/** The English word or raw code `text` contains, if any. */
export function foreignIn(text: string): string | undefined {
  return RAW_CODE.exec(text)?.[0] ?? WORDS.exec(text)?.[0];
}
