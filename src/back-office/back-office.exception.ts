import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const BACK_OFFICE_ERRORS = {
  FSE_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: 'No invoice matches this FSE number (and billing number and date when given)',
  },
  REJECTION_UNKNOWN: { status: 404, kind: 'permanent', title: 'No invoice rejection has this id' },
  REJECTION_IMPORT_INVALID: {
    status: 422,
    kind: 'permanent',
    title: 'The rejection file is not in the layout of docs/back-office.md',
  },
  RECONSTITUTION_UNAVAILABLE: {
    status: 404,
    kind: 'permanent',
    title: 'This prescription was never retrieved by this pharmacy: nothing to rebuild',
  },
  RECONSTITUTION_EXECUTION_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: 'No execution of this pharmacy has this id on this prescription',
  },
} as const satisfies Record<string, ErrorSpec>;

export type BackOfficeErrorCode = keyof typeof BACK_OFFICE_ERRORS;

/** The back-office stage's exception. */
export class BackOfficeException extends stageException(BACK_OFFICE_ERRORS) {}
