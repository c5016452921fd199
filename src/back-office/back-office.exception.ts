import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const BACK_OFFICE_ERRORS = {
  FSE_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: {
      fr: "Aucune facture ne correspond à ce numéro de FSE (ni au numéro de facturation et à la date s'ils sont donnés)",
      en: 'No invoice matches this FSE number (and billing number and date when given)',
    },
  },
  REJECTION_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: { fr: 'Aucun rejet de facture de ce numéro', en: 'No invoice rejection has this id' },
  },
  REJECTION_IMPORT_INVALID: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: "Le fichier de rejets n'a pas la disposition attendue",
      en: 'The rejection file is not in the layout of docs/back-office.md',
    },
  },
  RECONSTITUTION_UNAVAILABLE: {
    status: 404,
    kind: 'permanent',
    title: {
      fr: "Cette ordonnance n'a jamais été récupérée par la pharmacie : rien à reconstituer",
      en: 'This prescription was never retrieved by this pharmacy: nothing to rebuild',
    },
  },
  RECONSTITUTION_EXECUTION_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: {
      fr: 'Aucune exécution de la pharmacie ne porte ce numéro sur cette ordonnance',
      en: 'No execution of this pharmacy has this id on this prescription',
    },
  },
} as const satisfies Record<string, ErrorSpec>;

export type BackOfficeErrorCode = keyof typeof BACK_OFFICE_ERRORS;

/** The back-office stage's exception. */
export class BackOfficeException extends stageException(BACK_OFFICE_ERRORS) {}
