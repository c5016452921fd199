/** Stable codes of the Vitale layer: card status words, card data, PC/SC transport, bridge, vendor port. */
export type VitaleErrorCode =
  // Status words (apdu.ts is the only place that maps them).
  | 'FILE_NOT_FOUND'
  | 'SECURITY_NOT_SATISFIED'
  | 'CONDITIONS_NOT_SATISFIED'
  | 'WRONG_LENGTH'
  | 'WRONG_PARAMETERS'
  | 'INS_NOT_SUPPORTED'
  | 'CLA_NOT_SUPPORTED'
  | 'CARD_ERROR'
  | 'MALFORMED_RESPONSE'
  // Card content (vitale2-profile.ts).
  | 'NOT_A_VITALE_CARD'
  | 'BAD_CARD_DATA'
  // PC/SC transport and the bridge (pcsc-bridge.ts).
  | 'PCSC_UNAVAILABLE'
  | 'PCSCD_DOWN'
  | 'READER_NOT_FOUND'
  | 'NO_CARD'
  | 'CARD_REMOVED'
  | 'CARD_RESET'
  | 'READER_BUSY'
  | 'CONNECT_FAILED'
  | 'TRANSMIT_FAILED'
  | 'TIMEOUT'
  | 'BRIDGE_CLOSED'
  // The vendor's SESAM-Vitale component (sesam-vitale.port.ts).
  | 'SESAM_VITALE_NOT_CONFIGURED';

// Permanent: retrying the same operation on the same card and setup gives the same answer.
const PERMANENT: ReadonlySet<VitaleErrorCode> = new Set([
  'FILE_NOT_FOUND',
  'SECURITY_NOT_SATISFIED',
  'CONDITIONS_NOT_SATISFIED',
  'WRONG_LENGTH',
  'WRONG_PARAMETERS',
  'INS_NOT_SUPPORTED',
  'CLA_NOT_SUPPORTED',
  'CARD_ERROR',
  'NOT_A_VITALE_CARD',
  'BAD_CARD_DATA',
  'PCSC_UNAVAILABLE',
  'READER_NOT_FOUND',
  'BRIDGE_CLOSED',
  'SESAM_VITALE_NOT_CONFIGURED',
]);

/** The Vitale layer's one error class: a stable code, the cause chained, retryable or not, the status word if any. */
export class VitaleError extends Error {
  readonly code: VitaleErrorCode;
  readonly retryable: boolean;
  /** The card's status word (SW1SW2) when the error comes from one. */
  readonly sw?: number;

  constructor(code: VitaleErrorCode, message: string, options?: { cause?: unknown; sw?: number }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'VitaleError';
    this.code = code;
    this.retryable = !PERMANENT.has(code);
    if (options?.sw !== undefined) this.sw = options.sw;
  }
}

export const isVitaleError = (err: unknown, code?: VitaleErrorCode): err is VitaleError =>
  err instanceof VitaleError && (code === undefined || err.code === code);
