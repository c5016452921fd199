import { Language, Message } from '../../core/i18n/messages';

/** What the POST body's rules expect of a column (rejections.dto.ts), as the import report says it. */
export type ColumnRule = 'number' | 'code' | 'label' | 'date' | 'amount';

/**
 * Why one line of a rejection file was not imported. `column` is the header as written in the file
 * (« N° FSE », « dateRejet »), never the API field, so that the person who made the file finds it.
 */
export type LineProblem =
  | { kind: 'field-count'; expected: number; got: number }
  | { kind: 'empty'; column: string }
  | { kind: 'not-a-date'; column: string; value: string; instant: boolean }
  | { kind: 'not-cents'; column: string; value: string }
  | { kind: 'not-euros'; column: string; value: string }
  | { kind: 'invalid'; column: string; value: string; rule: ColumnRule };

type Of<K extends LineProblem['kind']> = Extract<LineProblem, { kind: K }>;

const RULES: Record<ColumnRule, [string, string]> = {
  number: ['1 à 32 lettres, chiffres ou tirets', '1–32 letters, digits or -'],
  code: ['1 à 32 lettres, chiffres, ., _, / ou -', '1–32 letters, digits, ., _, / or -'],
  label: ['1 à 500 caractères', '1–500 characters'],
  date: ['une date AAAA-MM-JJ ou un instant ISO 8601', 'a YYYY-MM-DD date or an ISO 8601 instant'],
  amount: ['un nombre entier de centimes', 'a whole number of cents'],
};

const cell = (p: { value: string; column: string }, fr: boolean) =>
  fr ? `« ${p.value} » (colonne « ${p.column} »)` : `"${p.value}" (column "${p.column}")`;

const MESSAGES: { [K in LineProblem['kind']]: Message<Of<K>> } = {
  'field-count': {
    fr: (p) => `${p.expected} champs attendus, ${p.got} trouvés`,
    en: (p) => `expected ${p.expected} fields, got ${p.got}`,
  },
  empty: {
    fr: (p) => `la colonne « ${p.column} » est vide`,
    en: (p) => `column "${p.column}" is empty`,
  },
  'not-a-date': {
    fr: (p) =>
      `${cell(p, true)} n'est pas une date : AAAA-MM-JJ, JJ/MM/AAAA${p.instant ? ' ou un instant ISO 8601' : ''}`,
    en: (p) => `${cell(p, false)} is not YYYY-MM-DD, DD/MM/YYYY${p.instant ? ' or an ISO instant' : ''}`,
  },
  'not-cents': {
    fr: (p) => `${cell(p, true)} n'est pas un montant en centimes entiers`,
    en: (p) => `${cell(p, false)} is not whole cents`,
  },
  'not-euros': {
    fr: (p) => `${cell(p, true)} n'est pas un montant en euros (12,34)`,
    en: (p) => `${cell(p, false)} is not euros (12,34)`,
  },
  invalid: {
    fr: (p) => `${cell(p, true)} : attendu ${RULES[p.rule][0]}`,
    en: (p) => `${cell(p, false)}: expected ${RULES[p.rule][1]}`,
  },
};

/** The line's problem as the import report says it, in the client's language (French by default). */
export function lineErrorMessage(problem: LineProblem, language: Language = 'fr'): string {
  return (MESSAGES[problem.kind][language] as (p: LineProblem) => string)(problem);
}
