import type { Page } from 'playwright-core';

/*
 * What a person may not read on a page (issue 20): an English sentence or a raw code. The words below never
 * occur in the pages' French (French homographs such as « prescription », « code », « session » are left
 * out); the code pattern is an UPPER_SNAKE identifier as the API spells its codes.
 */
// prettier-ignore
export const ENGLISH_WORDS = [
  'the', 'this', 'that', 'these', 'is', 'are', 'was', 'were', 'be', 'been', 'not', 'no', 'of', 'and', 'with',
  'for', 'from', 'to', 'has', 'have', 'cannot', 'must', 'should', 'please', 'retry', 'failed', 'fetch',
  'error', 'errors', 'unknown', 'invalid', 'missing', 'required', 'expired', 'matches', 'match', 'found',
  'issue', 'issues', 'blocking', 'warning', 'override', 'overridden', 'pack', 'packs', 'box', 'boxes',
  'line', 'lines', 'delivery', 'delivered', 'scanned', 'already', 'status', 'pending', 'matched', 'partial',
  'open', 'closed', 'queued', 'parked', 'sending', 'acknowledged', 'invoiced', 'rejected', 'cancelled',
  'abandoned', 'retrieved', 'resolved', 'new', 'out-of-stock', 'not-delivered', 'in-progress', 'undefined',
  'null', 'NaN', 'true', 'false', 'object', 'request', 'response', 'body', 'field', 'value',
];

export const RAW_CODE = /\b[A-Z]+_[A-Z_]+\b/;

const WORDS = new RegExp(`(?<![\\p{L}-])(${ENGLISH_WORDS.join('|')})(?![\\p{L}-])`, 'iu');

/** The English word or raw code `text` contains, if any. */
export function foreignIn(text: string): string | undefined {
  return RAW_CODE.exec(text)?.[0] ?? WORDS.exec(text)?.[0];
}

/**
 * Every piece of text a person can see on the page now (text of visible elements, the option shown by each
 * visible select, placeholders, visually hidden text for screen readers included) that holds an English word
 * or a raw code: `word ← text`.
 */
export async function foreignTextOn(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !parent || parent.closest('script, style, template')) continue;
      const select = parent instanceof HTMLOptionElement ? parent.closest('select') : null;
      const shown = select ? select.checkVisibility() : parent.checkVisibility({ visibilityProperty: true });
      if (shown) out.push(text);
    }
    for (const input of document.querySelectorAll<HTMLInputElement>(
      'input[placeholder], textarea[placeholder]',
    )) {
      if (input.checkVisibility()) out.push(input.placeholder);
    }
    return out;
  });
  return texts.flatMap((text) => {
    const word = foreignIn(text);
    return word ? [`${word} ← ${text}`] : [];
  });
}
