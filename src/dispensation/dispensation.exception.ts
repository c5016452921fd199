import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

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
  LINE_UNKNOWN: { status: 404, kind: 'permanent', title: 'No such line on the prescription' },
  PACK_UNKNOWN: { status: 404, kind: 'permanent', title: 'No such pack or delivery on the dispensation' },
  NOT_A_PACK: { status: 422, kind: 'permanent', title: 'The code is not a product code' },
  MANUAL_DELIVERY_NOT_ALLOWED: {
    status: 422,
    kind: 'permanent',
    title: 'A medication line is delivered by scanning its packs',
  },
  DISPENSATION_CHANGED: {
    status: 409,
    kind: 'retryable',
    title: 'The dispensation changed while it was being validated',
  },
  ACT_UNKNOWN: { status: 404, kind: 'permanent', title: 'No such act on that line of the dispensation' },
  ISSUE_UNKNOWN: { status: 404, kind: 'permanent', title: 'No such issue on the dispensation or line' },
  OVERRIDE_NOT_ALLOWED: { status: 403, kind: 'permanent', title: 'Only a pharmacien may override an issue' },
  ISSUE_NOT_OVERRIDABLE: { status: 422, kind: 'permanent', title: 'This issue cannot be overridden' },
  SFPC_CODE_UNKNOWN: {
    status: 422,
    kind: 'permanent',
    title: 'Unknown SFPC problem, intervention or outcome code',
  },
  CONDITIONAL_NOT_APPLICABLE: {
    status: 422,
    kind: 'permanent',
    title: 'The line carries no such conditional mention',
  },
  RENEWAL_NOT_AUTHORIZED: {
    status: 422,
    kind: 'permanent',
    title: 'The line does not authorise renewal by the correspondent pharmacist',
  },
  POSOLOGY_ADJUSTMENT_NOT_AUTHORIZED: {
    status: 422,
    kind: 'permanent',
    title: 'The line does not authorise posology adjustment',
  },
  TREATMENT_CAP_EXCEEDED: { status: 422, kind: 'permanent', title: 'Beyond 12 months of treatment in all' },
  EXCEPTIONAL_NOT_CHRONIC: {
    status: 422,
    kind: 'permanent',
    title: 'Exceptional dispensation needs a chronic treatment of at least 3 months',
  },
  EXCEPTIONAL_NOT_EXPIRED: { status: 422, kind: 'permanent', title: 'The prescription has not expired' },
  EXCEPTIONAL_TOO_LATE: {
    status: 422,
    kind: 'permanent',
    title: 'More than a month after the prescription expired',
  },
  EXCEPTIONAL_DURATION_EXCEEDED: {
    status: 422,
    kind: 'permanent',
    title: 'One month at a time, three months in all',
  },
  EXCEPTIONAL_NOT_ALLOWED: {
    status: 422,
    kind: 'permanent',
    title: 'Exceptional dispensation is not allowed for this product (narcotic rules, limited duration)',
  },
  MTE_PH_NOT_ALLOWED: {
    status: 422,
    kind: 'permanent',
    title: '« Non substituable MTE-PH » is only for a product of the MTE list',
  },
  OVERRIDE_REASON_REQUIRED: {
    status: 422,
    kind: 'permanent',
    title: 'An override says why: a reason or an intervention',
  },
  PRESCRIBER_AGREEMENT_REQUIRED: {
    status: 422,
    kind: 'permanent',
    title: "Overriding a product or quantity issue with an intervention needs the prescriber's agreement",
  },
  TRANSCRIPTION_NOT_ALLOWED: {
    status: 409,
    kind: 'permanent',
    title: 'Lines are transcribed only on a dispensation opened without the teleservice, while it is open',
  },
  TRANSCRIPTION_LINE_INVALID: {
    status: 422,
    kind: 'permanent',
    title: 'A transcribed line names its product as a seed line does, under a lineId of its own',
  },
  TRANSCRIPTION_EMPTY: {
    status: 409,
    kind: 'permanent',
    title: 'Transcribe the paper’s lines before validating a degraded dispensation',
  },
  TRANSCRIPTION_NOT_DIFFERENT: {
    status: 409,
    kind: 'permanent',
    title: "Only a transcription that differs from the teleservice's prescription is confirmed",
  },
  CONDITIONAL_FINDINGS_REQUIRED: {
    status: 422,
    kind: 'permanent',
    title: 'A BU result records its nitrites and leucocytes findings',
  },
} as const satisfies Record<string, ErrorSpec>;

export type DispensationErrorCode = keyof typeof DISPENSATION_ERRORS;

/** The dispensation stage's exception. */
export class DispensationException extends stageException(DISPENSATION_ERRORS) {}
