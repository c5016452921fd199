import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const MEDICINES_ERRORS = {
  REFERENTIAL_FILES_MISSING: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: "Des fichiers de la BDPM manquent dans le dossier d'import",
      en: 'BDPM files are missing from the import directory',
    },
  },
  REFERENTIAL_IMPORT_INVALID: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: 'Les fichiers de la BDPM ne donnent aucun référentiel utilisable',
      en: 'BDPM files give no usable referential',
    },
  },
  REFERENTIAL_IMPORT_FAILED: {
    status: 503,
    kind: 'retryable',
    title: {
      fr: "L'écriture du référentiel a échoué ; la version précédente reste active",
      en: 'Referential import failed while writing; the previous version stays active',
    },
  },
  REFERENTIAL_DOWNLOAD_FAILED: {
    status: 503,
    kind: 'retryable',
    title: {
      fr: "Les fichiers de la BDPM n'ont pas pu être téléchargés ; la version active reste",
      en: 'BDPM files could not be downloaded; the active version stays',
    },
  },
  REFERENTIAL_DOWNLOAD_INVALID: {
    status: 502,
    kind: 'retryable',
    title: {
      fr: "Un fichier téléchargé n'est pas un fichier de la BDPM ; la version active reste",
      en: 'A downloaded file is not a BDPM file; the active version stays',
    },
  },
  REFERENTIAL_NOT_LOADED: {
    status: 503,
    kind: 'retryable',
    title: {
      fr: "Le référentiel des médicaments n'est pas encore chargé",
      en: 'Medicines referential not loaded yet',
    },
  },
  DC_QUERY_INVALID: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: 'Ligne en DC illisible (substance, dosage, forme)',
      en: 'DC line (substance, strength, form) is unreadable',
    },
  },
} as const satisfies Record<string, ErrorSpec>;

export type MedicinesErrorCode = keyof typeof MEDICINES_ERRORS;

/** The medicines referential's exception: import failures and unreadable DC queries, never an unknown code. */
export class MedicinesException extends stageException(MEDICINES_ERRORS) {}
