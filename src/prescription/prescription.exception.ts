import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const PRESCRIPTION_ERRORS = {
  PRESCRIPTION_UNKNOWN: { status: 404, kind: 'permanent', title: 'Prescription unknown to the teleservice' },
  PRESCRIPTION_FULLY_EXECUTED: {
    status: 409,
    kind: 'permanent',
    title: 'Prescription already fully executed',
  },
  PRESCRIPTION_EXPIRED: { status: 409, kind: 'permanent', title: 'Prescription expired' },
  PRESCRIPTION_CANCELLED: {
    status: 409,
    kind: 'permanent',
    title: 'Prescription cancelled by its prescriber',
  },
  SEARCH_CRITERIA_MISSING: {
    status: 400,
    kind: 'permanent',
    title: 'A search names the patient: a NIR, an INS, or a last name with a birth date',
  },
  EXECUTION_INCOMPLETE: {
    status: 409,
    kind: 'permanent',
    title: 'The teleservice refused an execution missing a mandatory field',
  },
  QR_DATA_MISMATCH: { status: 409, kind: 'permanent', title: 'QR code data do not match the prescription' },
  SEQUENCE_OUT_OF_ORDER: { status: 409, kind: 'permanent', title: 'Execution sequence out of order' },
  EXECUTION_CONFLICT: {
    status: 409,
    kind: 'permanent',
    title: 'Same sequence already recorded with another payload',
  },
  EXECUTION_UNKNOWN: {
    status: 409,
    kind: 'permanent',
    title: 'Referenced execution unknown to the teleservice',
  },
  NOT_AUTHORISED: {
    status: 409,
    kind: 'permanent',
    title: 'Teleservice refused the caller (role or signature)',
  },
  TELESERVICE_REFUSED: { status: 409, kind: 'permanent', title: 'Teleservice refused the request' },
  TELESERVICE_UNAVAILABLE: { status: 503, kind: 'retryable', title: 'Teleservice unavailable' },
  TELESERVICE_PROTOCOL_ERROR: {
    status: 503,
    kind: 'retryable',
    title: 'Teleservice answered an unreadable response',
  },
  TELESERVICE_REQUEST_INVALID: {
    status: 422,
    kind: 'permanent',
    title: 'Request cannot be expressed in the teleservice contract',
  },
  SIGNER_UNAVAILABLE: { status: 503, kind: 'retryable', title: 'No signing key available for the assertion' },
  SIGNER_TOKEN_ABSENT: { status: 503, kind: 'retryable', title: 'The signing card or token is not present' },
  SIGNER_PIN_INCORRECT: { status: 503, kind: 'retryable', title: 'The signing card refused the PIN' },
  SIGNER_PIN_LOCKED: { status: 503, kind: 'retryable', title: 'The signing card PIN is locked' },
  SIGNER_KEY_NOT_FOUND: {
    status: 503,
    kind: 'retryable',
    title: 'No signing key or certificate with that label on the token',
  },
} as const satisfies Record<string, ErrorSpec>;

export type PrescriptionErrorCode = keyof typeof PRESCRIPTION_ERRORS;

/** The prescription stage's exception: every teleservice outcome that is not a result is one of these. */
export class PrescriptionException extends stageException(PRESCRIPTION_ERRORS) {
  static isCode(error: unknown, code: PrescriptionErrorCode): boolean {
    return error instanceof PrescriptionException && error.code === code;
  }
}
