import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const SCAN_ERRORS = {
  GS1_CHECK_DIGIT: {
    status: 422,
    kind: 'permanent',
    title: { fr: 'Chiffre de contrôle GS1 erroné', en: 'GS1 check digit is wrong' },
  },
  GS1_MALFORMED: {
    status: 422,
    kind: 'permanent',
    title: { fr: 'Code GS1 mal formé', en: 'GS1 element string is malformed' },
  },
  EAN_CHECK_DIGIT: {
    status: 422,
    kind: 'permanent',
    title: { fr: 'Clé de contrôle EAN-13 / CIP erronée', en: 'EAN-13 / CIP check digit is wrong' },
  },
  QR_MALFORMED: {
    status: 422,
    kind: 'permanent',
    title: { fr: "QR code d'ordonnance mal formé", en: 'Prescription QR code is malformed' },
  },
  INS_MALFORMED: {
    status: 422,
    kind: 'permanent',
    title: { fr: 'DataMatrix INS mal formé', en: 'INS DataMatrix is malformed' },
  },
  UNKNOWN_CODE: {
    status: 422,
    kind: 'permanent',
    title: { fr: 'Code non reconnu', en: 'Code not recognised' },
  },
  SCAN_TOO_LARGE: {
    status: 413,
    kind: 'permanent',
    title: { fr: 'Lecture trop longue', en: 'Scan data too large' },
  },
  SCAN_ENCODING_INVALID: {
    status: 400,
    kind: 'permanent',
    title: { fr: 'Encodage de la lecture invalide', en: 'Scan data encoding is invalid' },
  },
  NO_CODE_FOUND: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: "Aucun QR code ni DataMatrix trouvé dans l'image",
      en: 'No QR code or DataMatrix found in the image',
    },
  },
  IMAGE_UNREADABLE: {
    status: 422,
    kind: 'permanent',
    title: { fr: 'Image ou PDF illisible', en: 'Image or PDF cannot be read' },
  },
  IMAGE_TOO_LARGE: {
    status: 413,
    kind: 'permanent',
    title: { fr: 'Image trop grande (pixels ou pages)', en: 'Image has too many pixels or pages' },
  },
  IMAGE_RENDERER_UNAVAILABLE: {
    status: 503,
    kind: 'retryable',
    title: { fr: 'Lecture des PDF indisponible', en: 'PDF renderer unavailable' },
  },
  IMAGE_BUSY: {
    status: 503,
    kind: 'retryable',
    title: {
      fr: "Trop d'images en cours de lecture : réessayez dans quelques secondes",
      en: 'Too many pictures being read: try again in a few seconds',
    },
  },
} as const satisfies Record<string, ErrorSpec>;

export type ScanErrorCode = keyof typeof SCAN_ERRORS;

/** The scan stage's exception: every parser failure is one of these, never a bare Error. */
export class ScanException extends stageException(SCAN_ERRORS) {}
