import type { PrescriptionErrorCode } from '../../prescription.exception';

/**
 * Why a signer could not sign. Every failure is worth retrying later (a card put back, a PIN corrected, a
 * token unlocked by its administrator): the outbox keeps its executions and waits.
 */
export type SignerFailure =
  | 'module-unavailable'
  | 'token-absent'
  | 'pin-incorrect'
  | 'pin-locked'
  | 'key-not-found'
  | 'no-pin'
  | 'signing-failed';

/** A signer's typed failure; the teleservice client turns it into the matching `SIGNER_*` code. */
export class SignerError extends Error {
  override name = 'SignerError';

  constructor(
    readonly failure: SignerFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const CODES: Partial<Record<SignerFailure, PrescriptionErrorCode>> = {
  'token-absent': 'SIGNER_TOKEN_ABSENT',
  'pin-incorrect': 'SIGNER_PIN_INCORRECT',
  'pin-locked': 'SIGNER_PIN_LOCKED',
  'key-not-found': 'SIGNER_KEY_NOT_FOUND',
};

/** The prescription code, message and extra members for a signer failure of any kind. */
export function signerFailureOf(cause: unknown): {
  code: PrescriptionErrorCode;
  message: string;
  extra?: Record<string, unknown>;
} {
  if (cause instanceof SignerError) {
    return {
      code: CODES[cause.failure] ?? 'SIGNER_UNAVAILABLE',
      message: cause.message,
      extra: { signerFailure: cause.failure },
    };
  }
  return { code: 'SIGNER_UNAVAILABLE', message: (cause as Error)?.message ?? String(cause) };
}
