import { ComptoirException, ErrorSpec } from '../core/errors/comptoir.exception';

export const DISPENSATION_ERRORS = {
  DISPENSATION_UNKNOWN: { status: 404, kind: 'permanent', title: 'No such dispensation' },
  DISPENSATION_CLOSED: {
    status: 409,
    kind: 'permanent',
    title: 'The dispensation is validated and can no longer change',
  },
  DISPENSATION_HAS_BLOCKING_ISSUES: {
    status: 409,
    kind: 'permanent',
    title: 'The dispensation has blocking issues that are not overridden',
  },
  NO_OPERATOR: { status: 409, kind: 'permanent', title: 'No operator is set on this terminal' },
  LINE_UNKNOWN: { status: 404, kind: 'permanent', title: 'No such line on the prescription' },
  PACK_UNKNOWN: { status: 404, kind: 'permanent', title: 'No such pack or delivery on the dispensation' },
  NOT_A_PACK: { status: 422, kind: 'permanent', title: 'The code is not a product code' },
  MANUAL_DELIVERY_NOT_ALLOWED: {
    status: 422,
    kind: 'permanent',
    title: 'A medication line is delivered by scanning its packs',
  },
} as const satisfies Record<string, ErrorSpec>;

export type DispensationErrorCode = keyof typeof DISPENSATION_ERRORS;

/** The dispensation stage's exception. */
export class DispensationException extends ComptoirException {
  declare readonly code: DispensationErrorCode;

  constructor(
    code: DispensationErrorCode,
    detail: string,
    options?: { cause?: unknown; extra?: Record<string, unknown> },
  ) {
    super(code, DISPENSATION_ERRORS[code], detail, options);
  }
}
