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
} satisfies ErrorDetails<ExecutionErrorCode>;
