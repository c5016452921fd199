export type IssueSeverity = 'info' | 'warning' | 'blocking';

/** Something a pharmacist must see on a dispensation or a line (API.md: codes and severities). */
export interface Issue {
  code: string;
  severity: IssueSeverity;
  message: string;
  overridden?: { by: string; reason: string; at: string };
  /** Machine-readable details (never patient values). */
  details?: Record<string, string | number | boolean | string[]>;
}

/** Severity of each issue code, as API.md fixes it (rules and sources: docs/reconciliation.md). */
export const ISSUE_SEVERITY: Record<string, IssueSeverity> = {
  NS_SUBSTITUTION_FORBIDDEN: 'blocking',
  NOT_SAME_GENERIC_GROUP: 'blocking',
  PRODUCT_MISMATCH: 'blocking',
  QUANTITY_EXCEEDS_PRESCRIPTION: 'blocking',
  PACK_EXPIRED: 'blocking',
  SERIAL_ALREADY_SCANNED: 'blocking',
  PRESCRIPTION_EXPIRED: 'blocking',
  RENEWAL_TOO_EARLY: 'blocking',
  CONDITION_NOT_MET: 'blocking',
  NARCOTIC_PRESENTATION_LATE: 'blocking',
  DELIVERY_CAP_EXCEEDED: 'blocking',
  PATIENT_MISMATCH: 'blocking',
  QR_DATA_MISMATCH: 'blocking',
  LINE_NOT_ADDRESSED: 'blocking',
  PRODUCT_NOT_IN_REFERENTIAL: 'warning',
  PACK_UNITS_UNKNOWN: 'warning',
  PRODUCT_UNAVAILABLE_NOTICE: 'warning',
  OUT_OF_ON_SCOPE: 'info',
  PARTIAL_DELIVERY: 'info',
  LARGE_PACK_DUE: 'info',
};

export function issue(code: keyof typeof ISSUE_SEVERITY, message: string, details?: Issue['details']): Issue {
  const i: Issue = { code, severity: ISSUE_SEVERITY[code], message };
  if (details) i.details = details;
  return i;
}
