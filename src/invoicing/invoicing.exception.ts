import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const INVOICING_ERRORS = {
  EXECUTION_NOT_ACKNOWLEDGED: {
    status: 409,
    kind: 'retryable',
    title: {
      fr: "L'exécution n'est pas encore acquittée par le téléservice : pas de facturation avant",
      en: 'The execution is not acknowledged by the teleservice yet: no invoice before it',
    },
  },
  ALREADY_INVOICED: {
    status: 409,
    kind: 'permanent',
    title: { fr: 'Cette dispensation est déjà facturée', en: 'This dispensation is already invoiced' },
  },
  INVOICE_OVERRIDE_NOT_ALLOWED: {
    status: 403,
    kind: 'permanent',
    title: {
      fr: "Seul un pharmacien peut facturer avant l'acquittement",
      en: 'Only a pharmacien may invoice before the acknowledgement',
    },
  },
} as const satisfies Record<string, ErrorSpec>;

export type InvoicingErrorCode = keyof typeof INVOICING_ERRORS;

/** The invoicing stage's exception. */
export class InvoicingException extends stageException(INVOICING_ERRORS) {}
