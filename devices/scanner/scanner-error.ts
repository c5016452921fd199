export type ScannerErrorCode =
  | 'DEVICE_ABSENT'
  | 'OPEN_FAILED'
  | 'DEVICE_LOST'
  | 'HID_UNAVAILABLE'
  | 'INVALID_OPTIONS'
  | 'SOCAT_MISSING'
  | 'SIMULATOR_FAILED';

const PERMANENT: ReadonlySet<ScannerErrorCode> = new Set([
  'HID_UNAVAILABLE',
  'INVALID_OPTIONS',
  'SOCAT_MISSING',
]);

/** The devices layer's one error class: a stable code, the cause chained, retryable or not. */
export class ScannerError extends Error {
  readonly code: ScannerErrorCode;
  readonly retryable: boolean;

  constructor(code: ScannerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'ScannerError';
    this.code = code;
    this.retryable = !PERMANENT.has(code);
  }
}
