import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const MEDICINES_ERRORS = {
  REFERENTIAL_FILES_MISSING: {
    status: 422,
    kind: 'permanent',
    title: 'BDPM files are missing from the import directory',
  },
  REFERENTIAL_IMPORT_INVALID: {
    status: 422,
    kind: 'permanent',
    title: 'BDPM files give no usable referential',
  },
  REFERENTIAL_IMPORT_FAILED: {
    status: 503,
    kind: 'retryable',
    title: 'Referential import failed while writing; the previous version stays active',
  },
  REFERENTIAL_DOWNLOAD_FAILED: {
    status: 503,
    kind: 'retryable',
    title: 'BDPM files could not be downloaded; the active version stays',
  },
  REFERENTIAL_DOWNLOAD_INVALID: {
    status: 502,
    kind: 'retryable',
    title: 'A downloaded file is not a BDPM file; the active version stays',
  },
  REFERENTIAL_NOT_LOADED: { status: 503, kind: 'retryable', title: 'Medicines referential not loaded yet' },
  DC_QUERY_INVALID: {
    status: 422,
    kind: 'permanent',
    title: 'DC line (substance, strength, form) is unreadable',
  },
} as const satisfies Record<string, ErrorSpec>;

export type MedicinesErrorCode = keyof typeof MEDICINES_ERRORS;

/** The medicines referential's exception: import failures and unreadable DC queries, never an unknown code. */
export class MedicinesException extends stageException(MEDICINES_ERRORS) {}
