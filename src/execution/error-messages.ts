import type { ErrorDetails } from '../core/errors/comptoir.exception';
import { msg } from '../core/i18n/messages';
import type { OutboxStatus } from '../core/outbox/outbox-execution.entity';
import type { ExecutionErrorCode } from './execution.exception';

// The execution stage's problem details, by code: French (the default) and English, from their parameters.

/** An outbox call's status as the back office reads it. */
const STATUS: Record<OutboxStatus, string> = {
  queued: "en file d'envoi",
  sending: "en cours d'envoi",
  acknowledged: 'acquittée par le téléservice',
  parked: "en attente d'action",
  held: 'retenue (ordonnance en attente du téléservice)',
  cancelled: 'annulée',
};

export const EXECUTION_DETAILS = {
  EXECUTION_NOT_FOUND: {
    unknown: msg(
      (p: { id: string }) => `Aucune exécution ${p.id} dans la file d'envoi`,
      (p) => `no execution ${p.id}`,
    ),
  },
  EXECUTION_NOT_PARKED: {
    status: msg(
      (p: { id: string; status: OutboxStatus }) =>
        `L'exécution ${p.id} est ${STATUS[p.status] ?? p.status} : seule une exécution en attente d'action se relance ou s'annule`,
      (p) => `execution ${p.id} is ${p.status}`,
    ),
  },
  EXECUTION_NOT_CANCELLABLE: {
    status: msg(
      (p: { id: string; status: OutboxStatus }) =>
        `L'exécution ${p.id} est ${STATUS[p.status] ?? p.status} : seule une exécution en attente d'action ou acquittée s'annule`,
      (p) => `execution ${p.id} is ${p.status}: only a parked call or an acknowledged execution is cancelled`,
    ),
    changed: msg(
      (p: { id: string }) => `L'exécution ${p.id} a changé entre-temps : relisez-la avant de l'annuler`,
      (p) => `execution ${p.id} changed meanwhile`,
    ),
  },
  CANCELLATION_NOT_ALLOWED: {
    afterInvoice: msg(
      'Après facturation, seul un pharmacien annule une exécution',
      'after invoicing, only a pharmacien cancels',
    ),
  },
  REPORT_NOT_AVAILABLE: {
    notAcknowledged: msg(
      (p: { id: string; kind: string; status: OutboxStatus }) =>
        `L'exécution ${p.id} est ${p.kind === 'execution' ? '' : 'une annulation, '}${STATUS[p.status] ?? p.status} : un compte rendu suit une exécution acquittée`,
      (p) => `execution ${p.id} is a ${p.kind}, ${p.status}: a report follows an acknowledged execution`,
    ),
  },
} satisfies ErrorDetails<ExecutionErrorCode>;
