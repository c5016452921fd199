import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const SCAN_ERRORS = {
  GS1_CHECK_DIGIT: { status: 422, kind: 'permanent', title: 'GS1 check digit is wrong' },
  GS1_MALFORMED: { status: 422, kind: 'permanent', title: 'GS1 element string is malformed' },
  EAN_CHECK_DIGIT: { status: 422, kind: 'permanent', title: 'EAN-13 / CIP check digit is wrong' },
  QR_MALFORMED: { status: 422, kind: 'permanent', title: 'Prescription QR code is malformed' },
  INS_MALFORMED: { status: 422, kind: 'permanent', title: 'INS DataMatrix is malformed' },
  UNKNOWN_CODE: { status: 422, kind: 'permanent', title: 'Code not recognised' },
  SCAN_TOO_LARGE: { status: 413, kind: 'permanent', title: 'Scan data too large' },
  SCAN_ENCODING_INVALID: { status: 400, kind: 'permanent', title: 'Scan data encoding is invalid' },
  NO_CODE_FOUND: { status: 422, kind: 'permanent', title: 'No QR code or DataMatrix found in the image' },
  IMAGE_UNREADABLE: { status: 422, kind: 'permanent', title: 'Image or PDF cannot be read' },
  IMAGE_TOO_LARGE: { status: 413, kind: 'permanent', title: 'Image has too many pixels or pages' },
  IMAGE_RENDERER_UNAVAILABLE: { status: 503, kind: 'retryable', title: 'PDF renderer unavailable' },
  IMAGE_BUSY: {
    status: 503,
    kind: 'retryable',
    title: "Trop d'images en cours de lecture : réessayez dans quelques secondes",
  },
} as const satisfies Record<string, ErrorSpec>;

export type ScanErrorCode = keyof typeof SCAN_ERRORS;

/** The scan stage's exception: every parser failure is one of these, never a bare Error. */
export class ScanException extends stageException(SCAN_ERRORS) {}
