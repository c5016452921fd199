import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const PATIENT_ERRORS = {
  CARD_ABSENT: {
    status: 404,
    kind: 'permanent',
    title: { fr: 'Aucune carte dans le lecteur de ce poste', en: "No card in this terminal's reader" },
  },
  CARD_DATA_INVALID: {
    status: 400,
    kind: 'permanent',
    title: {
      fr: 'Les données de carte simulée ne décrivent pas une carte',
      en: 'The simulated card data is not a card',
    },
  },
  CARD_READER_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: { fr: 'Aucun lecteur de carte sur ce poste', en: 'No card reader on this terminal' },
  },
  CARD_EXCHANGE_FAILED: {
    status: 409,
    kind: 'permanent',
    title: { fr: "La carte n'a pas répondu à l'échange", en: 'The card did not answer the exchange' },
  },
} as const satisfies Record<string, ErrorSpec>;

export type PatientErrorCode = keyof typeof PATIENT_ERRORS;

/** The patient stage's exception. */
export class PatientException extends stageException(PATIENT_ERRORS) {}
