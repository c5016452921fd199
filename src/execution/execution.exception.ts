import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const EXECUTION_ERRORS = {
  // EXECUTION_UNKNOWN is taken by the teleservice's fault (PRESCRIPTION_ERRORS, 409).
  EXECUTION_NOT_FOUND: {
    status: 404,
    kind: 'permanent',
    title: {
      fr: "Aucune exécution de ce numéro dans la file d'envoi",
      en: 'No such execution in the outbox',
    },
  },
  EXECUTION_NOT_PARKED: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: "Seule une exécution en attente d'action peut être relancée",
      en: 'Only a parked execution can be retried',
    },
  },
  EXECUTION_NOT_CANCELLABLE: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: "Seule une exécution en attente d'action ou acquittée peut être annulée",
      en: 'Only a parked call or an acknowledged execution can be cancelled',
    },
  },
  REPORT_NOT_AVAILABLE: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: "Le compte rendu d'exécution suit une exécution acquittée",
      en: 'An execution report follows an acknowledged execution',
    },
  },
  CANCELLATION_NOT_ALLOWED: {
    status: 403,
    kind: 'permanent',
    title: {
      fr: 'Après facturation, seul un pharmacien annule une exécution',
      en: 'After invoicing, only a pharmacien cancels an execution',
    },
  },
} as const satisfies Record<string, ErrorSpec>;

export type ExecutionErrorCode = keyof typeof EXECUTION_ERRORS;

/** The execution stage's exception. */
export class ExecutionException extends stageException(EXECUTION_ERRORS) {}
