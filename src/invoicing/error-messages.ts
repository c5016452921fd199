import type { ErrorDetails } from '../core/errors/comptoir.exception';
import { msg } from '../core/i18n/messages';
import { DISPENSATION_STATUS } from '../dispensation/error-messages';
import type { InvoicingErrorCode } from './invoicing.exception';

// The invoicing stage's problem details, by code: French (the default) and English, from their parameters.

const status = (s: string) => DISPENSATION_STATUS[s as keyof typeof DISPENSATION_STATUS] ?? s;

export const INVOICING_DETAILS = {
  EXECUTION_NOT_ACKNOWLEDGED: {
    notValidated: msg(
      (p: { id: string; status: string }) =>
        `La dispensation ${p.id} est ${status(p.status)} : seule une dispensation validée se facture`,
      (p) => `dispensation ${p.id} is ${p.status}`,
    ),
    queued: msg(
      "L'exécution est en file d'envoi, pas encore acquittée par le téléservice",
      'the execution is queued, not acknowledged yet',
    ),
    none: msg(
      (p: { id: string }) => `La dispensation ${p.id} n'a pas d'exécution`,
      (p) => `dispensation ${p.id} has no execution`,
    ),
  },
  INVOICE_OVERRIDE_NOT_ALLOWED: {
    preparateur: msg(
      "Un préparateur ne peut pas facturer avant l'acquittement",
      'a préparateur cannot invoice before the acknowledgement',
    ),
  },
  ALREADY_INVOICED: {
    otherFse: msg(
      (p: { id: string }) => `La dispensation ${p.id} est facturée sous un autre numéro de FSE`,
      (p) => `dispensation ${p.id} is invoiced under another FSE`,
    ),
    invoiced: msg(
      (p: { id: string }) => `La dispensation ${p.id} est facturée`,
      (p) => `dispensation ${p.id} is invoiced`,
    ),
  },
} satisfies ErrorDetails<InvoicingErrorCode>;
