// Messages people see, by code, in French and English (API.md § Conventions: French unless the client's
// Accept-Language puts `en` first). One mechanism for every catalogue: issue codes (`Issue.message`) and
// error codes (problem `title`/`detail`). Codes never change with the language.

export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];

/** The values a message is built from: an issue's `details`, an error's context. */
export type MessageParams = Record<string, string | number | boolean | string[] | undefined>;

/** One code's message in each language, built from the same parameters. */
export type Message<P extends object = MessageParams> = Record<Language, (params: P) => string>;

/** A catalogue: every code of one kind (issue codes, error codes) with its message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Catalogue<C extends string = string> = Record<C, Message<any>>;

/** A title in both languages, as an error code's table gives it. */
export type Title = Readonly<Record<Language, string>>;

/**
 * A message in both languages, ready to show: where it is shown picks the reader's language. Serialised as
 * French, the default (API.md § Conventions); the HTTP edge gives English to a client who asks for it.
 */
export class Text {
  constructor(
    readonly fr: string,
    readonly en: string,
  ) {}

  in(language: Language): string {
    return this[language];
  }

  toJSON(): string {
    return this.fr;
  }
}

/**
 * A catalogue entry: the Text of one message built from its parameters. `fr` and `en` are its two renderers
 * (the catalogue tests call them with sample parameters).
 */
export interface Detail<P extends object> extends Message<P> {
  (params: P): Text;
}

/** A catalogue entry without parameters. */
export interface FixedDetail extends Message<object> {
  (): Text;
}

/**
 * One message in French and English: `msg('Corps vide', 'empty body')`, or with parameters
 * `msg((p: { id: string }) => `Aucune dispensation ${p.id}`, (p) => `no dispensation ${p.id}`)`.
 */
export function msg(fr: string, en: string): FixedDetail;
export function msg<P extends object>(fr: (p: P) => string, en: (p: P) => string): Detail<P>;
export function msg(
  fr: string | ((p: object) => string),
  en: string | ((p: object) => string),
): FixedDetail | Detail<object> {
  const f = typeof fr === 'string' ? () => fr : fr;
  const e = typeof en === 'string' ? () => en : en;
  return Object.assign((params: object = {}) => new Text(f(params), e(params)), { fr: f, en: e });
}

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
