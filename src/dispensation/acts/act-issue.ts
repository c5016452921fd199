import type { Text } from '../../core/i18n/messages';
import { issue, Issue } from '../issue';

/** A refusal of an act request: the endpoint answers 422 with this code (codes: docs/acts.md). */
export interface ActRefusal {
  ok: false;
  code: string;
  /** The problem's detail, from the dispensation catalogue (error-messages.ts). */
  message: Text;
}

export const refusal = (code: string, message: Text): ActRefusal => ({ ok: false, code, message });

export const conditionNotMet = (reason: string, lastDay?: string): Issue =>
  issue('CONDITION_NOT_MET', { reason, lastDay });
