import type { ErrorDetails } from '../core/errors/comptoir.exception';
import { msg } from '../core/i18n/messages';
import type { BackOfficeErrorCode } from './back-office.exception';

// The back office's problem details, by code, and what a rejection file's bad line says: French (the
// default) and English, built from their parameters. A file's columns are named as written in it.

const quoted = (names: string[]) => names.map((n) => `« ${n} »`).join(', ');

export const BACK_OFFICE_DETAILS = {
  FSE_UNKNOWN: {
    noInvoice: msg(
      (p: { fseNumber: string }) => `Aucune facture ne porte le numéro de FSE ${p.fseNumber}`,
      (p) => `no invoice matches FSE ${p.fseNumber}`,
    ),
  },
  REJECTION_UNKNOWN: {
    unknown: msg(
      (p: { id: string }) => `Aucun rejet de facture ${p.id}`,
      (p) => `no invoice rejection ${p.id}`,
    ),
  },
  REJECTION_IMPORT_INVALID: {
    binary: msg('Le fichier est binaire, pas du texte CSV', 'the file is binary, not CSV text'),
    empty: msg('Le fichier est vide', 'the file is empty'),
    noHeader: msg("Le fichier n'a pas de ligne d'en-tête", 'the file has no header row'),
    tooManyLines: msg(
      (p: { max: number }) => `Plus de ${p.max} lignes : découpez le fichier`,
      (p) => `more than ${p.max} lines: split the file`,
    ),
    fieldTooLong: msg(
      (p: { line: number; max: number }) => `Ligne ${p.line} : un champ dépasse ${p.max} caractères`,
      (p) => `line ${p.line}: a field is longer than ${p.max} characters`,
    ),
    unclosedQuote: msg(
      (p: { line: number }) => `Ligne ${p.line} : un champ entre guillemets n'est jamais fermé`,
      (p) => `line ${p.line}: a quoted field is never closed`,
    ),
    unreadable: msg(
      (p: { line: number; why: string }) => `Ligne ${p.line} : le CSV est illisible à cet endroit`,
      (p) => `line ${p.line}: ${p.why}`,
    ),
    missingColumns: msg(
      (p: { missing: string[] }) =>
        `Il manque à la ligne d'en-tête ${p.missing.length > 1 ? 'les colonnes' : 'la colonne'} ` +
        `${quoted(p.missing)} (par exemple : fseNumber;rejectionCode;label;date;amountCents)`,
      (p) =>
        `the header row lacks ${p.missing.join(', ')} (expected fseNumber;rejectionCode;label;date;amountCents)`,
    ),
    columnTwice: msg(
      (p: { columns: string[] }) =>
        `La ligne d'en-tête nomme deux fois la même colonne : ${quoted(p.columns)}`,
      (p) => `the header row names one column twice: ${p.columns.join(', ')}`,
    ),
    amountTwice: msg(
      (p: { columns: string[] }) =>
        `Donnez ${quoted(p.columns).replace(/, (?=[^,]*$)/, ' ou ')}, pas les deux`,
      (p) => `give ${p.columns.join(' or ')}, not both`,
    ),
  },
  RECONSTITUTION_UNAVAILABLE: {
    neverRetrieved: msg(
      (p: { prescriptionId: string }) =>
        `L'ordonnance ${p.prescriptionId} n'a jamais été récupérée par la pharmacie : rien à reconstituer`,
      (p) => `prescription ${p.prescriptionId} was never retrieved here`,
    ),
  },
  RECONSTITUTION_EXECUTION_UNKNOWN: {
    unknown: msg(
      (p: { executionId: string; prescriptionId: string }) =>
        `Aucune exécution ${p.executionId} de la pharmacie sur l'ordonnance ${p.prescriptionId}`,
      (p) => `no execution ${p.executionId} of this pharmacy on prescription ${p.prescriptionId}`,
    ),
  },
  VALIDATION_FAILED: {
    rangeReversed: msg(
      'La date de début « from » est après la date de fin « to »',
      'from must not be after to',
    ),
    rangeTooLong: msg(
      (p: { maxDays: number }) => `La période dépasse ${p.maxDays} jours`,
      (p) => `the range is longer than ${p.maxDays} days`,
    ),
  },
  UNSUPPORTED_MEDIA_TYPE: {
    csv: msg('Envoyez le fichier en text/csv', 'send the file as text/csv'),
  },
} satisfies ErrorDetails<BackOfficeErrorCode>;

/** Why one line of a rejection file is set aside (the others still count): `invalid[].error`. */
export const REJECTION_LINE_ERRORS = {
  fieldCount: msg(
    (p: { expected: number; got: number }) => `${p.expected} champs attendus, ${p.got} trouvés`,
    (p) => `expected ${p.expected} fields, got ${p.got}`,
  ),
  empty: msg(
    (p: { column: string }) => `La colonne « ${p.column} » est vide`,
    (p) => `${p.column} is empty`,
  ),
  date: msg(
    (p: { column: string; value: string }) =>
      `« ${p.column} » : « ${p.value} » n'est pas une date AAAA-MM-JJ ou JJ/MM/AAAA, ni un instant ISO 8601`,
    (p) => `${p.column} ${JSON.stringify(p.value)} is not YYYY-MM-DD, DD/MM/YYYY or an ISO instant`,
  ),
  day: msg(
    (p: { column: string; value: string }) =>
      `« ${p.column} » : « ${p.value} » n'est pas une date AAAA-MM-JJ ou JJ/MM/AAAA`,
    (p) => `${p.column} ${JSON.stringify(p.value)} is not YYYY-MM-DD or DD/MM/YYYY`,
  ),
  cents: msg(
    (p: { column: string; value: string }) =>
      `« ${p.column} » : « ${p.value} » n'est pas un nombre entier de centimes`,
    (p) => `${p.column} ${JSON.stringify(p.value)} is not whole cents`,
  ),
  euros: msg(
    (p: { column: string; value: string }) =>
      `« ${p.column} » : « ${p.value} » n'est pas un montant en euros (12,34)`,
    (p) => `${p.column} ${JSON.stringify(p.value)} is not euros (12,34)`,
  ),
};
