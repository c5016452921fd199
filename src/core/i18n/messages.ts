// Messages people see, by code, in French and English (API.md § Conventions: French unless the client's
// Accept-Language puts `en` first). One mechanism for every catalogue: issue codes (`Issue.message`) now,
// error codes (problem `title`/`detail`) next. Codes never change with the language.

export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];

/** The values a message is built from: an issue's `details`, an error's context. */
export type MessageParams = Record<string, string | number | boolean | string[] | undefined>;

/** One code's message in each language, built from the same parameters. */
export type Message<P extends object = MessageParams> = Record<Language, (params: P) => string>;

/** A catalogue: every code of one kind (issue codes, error codes) with its message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Catalogue<C extends string = string> = Record<C, Message<any>>;

/**
 * The language of an answer: English only when `Accept-Language` puts `en` first (highest q, then order);
 * French otherwise, and whenever the header is absent or unreadable.
 */
export function languageOf(acceptLanguage: string | string[] | undefined): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return 'fr';
  const ranges = header
    .split(',')
    .map((part, order) => {
      const [tag, ...options] = part.trim().toLowerCase().split(';');
      const q = options.map((o) => /^\s*q=([\d.]+)\s*$/.exec(o)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  const first = ranges[0]?.tag;
  return first === 'en' || first?.startsWith('en-') ? 'en' : 'fr';
}

/** A code's message in a language; undefined when the catalogue has no such code. */
export function render(
  catalogue: Catalogue,
  code: string,
  params: MessageParams | undefined,
  language: Language,
): string | undefined {
  const message = Object.prototype.hasOwnProperty.call(catalogue, code) ? catalogue[code] : undefined;
  return message?.[language](params ?? {});
}

/** `2026-11-20` as a French reader writes it (20/11/2026); other text unchanged. */
export function frenchDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** `2.5` → `2,5` (French decimal comma). */
export function frenchNumber(n: number): string {
  return String(n).replace('.', ',');
}

/** « 1 boîte », « 3 boîtes »: a French count with its noun. */
export function frCount(n: number, one: string, many = `${one}s`): string {
  return `${frenchNumber(n)} ${Math.abs(n) >= 2 ? many : one}`;
}

/** "1 box", "3 boxes". */
export function enCount(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
