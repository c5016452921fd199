import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const PRESCRIPTION_ERRORS = {
  PRESCRIPTION_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: { fr: 'Ordonnance inconnue du téléservice', en: 'Prescription unknown to the teleservice' },
  },
  PRESCRIPTION_FULLY_EXECUTED: {
    status: 409,
    kind: 'permanent',
    title: { fr: 'Ordonnance déjà entièrement délivrée', en: 'Prescription already fully executed' },
  },
  PRESCRIPTION_EXPIRED: {
    status: 409,
    kind: 'permanent',
    title: { fr: 'Ordonnance périmée', en: 'Prescription expired' },
  },
  QR_DATA_MISMATCH: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: "Les données du QR code ne correspondent pas à l'ordonnance",
      en: 'QR code data do not match the prescription',
    },
  },
  SEQUENCE_OUT_OF_ORDER: {
    status: 409,
    kind: 'permanent',
    title: { fr: 'Exécution envoyée hors de son ordre', en: 'Execution sequence out of order' },
  },
  PRESCRIPTION_CANCELLED: {
    status: 409,
    kind: 'permanent',
    title: { fr: 'Ordonnance annulée par le prescripteur', en: 'Prescription cancelled by its prescriber' },
  },
  SEARCH_CRITERIA_MISSING: {
    status: 400,
    kind: 'permanent',
    title: {
      fr: 'Une recherche nomme le patient : un NIR, un INS, ou un nom avec une date de naissance',
      en: 'A search names the patient: a NIR, an INS, or a last name with a birth date',
    },
  },
  EXECUTION_INCOMPLETE: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: 'Le téléservice a refusé une exécution à laquelle manque un champ obligatoire',
      en: 'The teleservice refused an execution missing a mandatory field',
    },
  },
  EXECUTION_CONFLICT: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: "Ce numéro d'exécution est déjà enregistré avec un autre contenu",
      en: 'Same sequence already recorded with another payload',
    },
  },
  EXECUTION_UNKNOWN: {
    status: 409,
    kind: 'permanent',
    title: { fr: 'Exécution inconnue du téléservice', en: 'Referenced execution unknown to the teleservice' },
  },
  NOT_AUTHORISED: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: "Le téléservice refuse l'appelant (rôle ou signature)",
      en: 'Teleservice refused the caller (role or signature)',
    },
  },
  TELESERVICE_REFUSED: {
    status: 409,
    kind: 'permanent',
    title: { fr: 'Le téléservice a refusé la demande', en: 'Teleservice refused the request' },
  },
  TELESERVICE_UNAVAILABLE: {
    status: 503,
    kind: 'retryable',
    title: { fr: 'Téléservice indisponible', en: 'Teleservice unavailable' },
  },
  TELESERVICE_PROTOCOL_ERROR: {
    status: 503,
    kind: 'retryable',
    title: { fr: 'Réponse illisible du téléservice', en: 'Teleservice answered an unreadable response' },
  },
  TELESERVICE_REQUEST_INVALID: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: 'Demande impossible à exprimer dans le contrat du téléservice',
      en: 'Request cannot be expressed in the teleservice contract',
    },
  },
  SIGNER_UNAVAILABLE: {
    status: 503,
    kind: 'retryable',
    title: {
      fr: "Aucune clé de signature disponible pour l'assertion",
      en: 'No signing key available for the assertion',
    },
  },
  SIGNER_TOKEN_ABSENT: {
    status: 503,
    kind: 'retryable',
    title: {
      fr: "La carte ou le jeton de signature n'est pas présent",
      en: 'The signing card or token is not present',
    },
  },
  SIGNER_PIN_INCORRECT: {
    status: 503,
    kind: 'retryable',
    title: { fr: 'La carte de signature a refusé le code PIN', en: 'The signing card refused the PIN' },
  },
  SIGNER_PIN_LOCKED: {
    status: 503,
    kind: 'retryable',
    title: { fr: 'Le code PIN de la carte de signature est bloqué', en: 'The signing card PIN is locked' },
  },
  SIGNER_KEY_NOT_FOUND: {
    status: 503,
    kind: 'retryable',
    title: {
      fr: 'Aucune clé ni certificat de signature de ce libellé sur le jeton',
      en: 'No signing key or certificate with that label on the token',
    },
  },
} as const satisfies Record<string, ErrorSpec>;

export type PrescriptionErrorCode = keyof typeof PRESCRIPTION_ERRORS;

/** The prescription stage's exception: every teleservice outcome that is not a result is one of these. */
export class PrescriptionException extends stageException(PRESCRIPTION_ERRORS) {
  static isCode(error: unknown, code: PrescriptionErrorCode): boolean {
    return error instanceof PrescriptionException && error.code === code;
  }
}
