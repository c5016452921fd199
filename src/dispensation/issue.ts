import type { Language } from '../core/i18n/messages';
import { ISSUE_MESSAGES, IssueCode, IssueDetails } from './issue-messages';

export type { IssueCode };
export type IssueSeverity = 'info' | 'warning' | 'blocking';
type DetailValue = string | number | boolean | string[];

/** Something a pharmacist must see on a dispensation or a line (API.md: codes and severities). */
export interface Issue {
  code: string;
  severity: IssueSeverity;
  /** French unless the client asked for English (built from `code` and `details`: issue-messages.ts). */
  message: string;
  overridden?: { by: string; reason: string; at: string; interventionId?: string };
  /** Machine-readable details, the message's parameters among them (never patient values). */
  details?: Record<string, DetailValue>;
}

/** Severity of each issue code, as API.md fixes it (rules and sources: docs/reconciliation.md). */
export const ISSUE_SEVERITY: Record<IssueCode, IssueSeverity> = {
  NS_SUBSTITUTION_FORBIDDEN: 'blocking',
  NOT_SAME_GENERIC_GROUP: 'blocking',
  PRODUCT_MISMATCH: 'blocking',
  QUANTITY_EXCEEDS_PRESCRIPTION: 'blocking',
  PACK_EXPIRED: 'blocking',
  SERIAL_ALREADY_SCANNED: 'blocking',
  PRESCRIPTION_EXPIRED: 'blocking',
  PRESCRIPTION_FULLY_EXECUTED: 'blocking',
  PRESCRIPTION_CANCELLED: 'blocking',
  RENEWAL_TOO_EARLY: 'blocking',
  RENEWAL_NOT_ALLOWED: 'blocking',
  CONDITION_NOT_MET: 'blocking',
  DELIVERY_CAP_EXCEEDED: 'blocking',
  PRESCRIPTION_LIMIT_EXCEEDED: 'blocking',
  OVERLAP_FORBIDDEN: 'blocking',
  HOSPITAL_ONLY: 'blocking',
  PATIENT_MISMATCH: 'blocking',
  QR_DATA_MISMATCH: 'blocking',
  LINE_NOT_ADDRESSED: 'blocking',
  SECURE_PRESCRIPTION_REQUIRED: 'blocking',
  TRANSCRIPTION_DIFFERS: 'blocking',
  PRICE_UNKNOWN: 'blocking',
  PRODUCT_NOT_IN_REFERENTIAL: 'warning',
  PACK_UNITS_UNKNOWN: 'warning',
  PRODUCT_UNAVAILABLE_NOTICE: 'warning',
  NARCOTIC_PRESENTATION_LATE: 'warning',
  SMALLER_PACK_DUE: 'warning',
  SPECIALIST_PRESCRIPTION_REQUIRED: 'warning',
  OUT_OF_ON_SCOPE: 'info',
  PARTIAL_DELIVERY: 'info',
  DELIVERY_ROUNDED_UP: 'info',
  FORM_IMPLIED: 'info',
  LARGE_PACK_DUE: 'info',
  OVERLAP_UNKNOWN: 'info',
};

/**
 * Blocking codes cleared by an act, not by an override: the pharmacist confirms a secure paper or a
 * transcription (API.md); the LGO gives a box's price (the execution must carry it).
 */
export const CONFIRMED_NOT_OVERRIDDEN = new Set<string>([
  'SECURE_PRESCRIPTION_REQUIRED',
  'TRANSCRIPTION_DIFFERS',
  'PRICE_UNKNOWN',
]);

export function isIssueCode(code: string): code is IssueCode {
  return Object.prototype.hasOwnProperty.call(ISSUE_SEVERITY, code);
}

/** An issue's message in a language, from its code and details (the stored text when the code is unknown). */
export function issueMessage(
  i: Pick<Issue, 'code' | 'message' | 'details'>,
  language: Language = 'fr',
): string {
  if (!isIssueCode(i.code)) return i.message;
  const message = ISSUE_MESSAGES[i.code][language] as (p: object) => string;
  return message(i.details ?? {});
}

/** An issue of `code`; `details` carry the message's parameters and anything else machine-readable. */
export function issue<C extends IssueCode>(
  code: C,
  details: IssueDetails<C> & Record<string, DetailValue | undefined>,
): Issue {
  const kept: Record<string, DetailValue> = {};
  for (const [k, v] of Object.entries(details)) if (v !== undefined) kept[k] = v;
  const i: Issue = { code, severity: ISSUE_SEVERITY[code], message: '' };
  if (Object.keys(kept).length) i.details = kept;
  i.message = issueMessage(i);
  return i;
}

/** A stored issue (dispensation-level, written by an earlier version) with its message rebuilt in French. */
export function relabel(i: Issue): Issue {
  return { ...i, message: issueMessage(i) };
}
