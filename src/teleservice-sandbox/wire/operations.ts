import type { ExecutionKind } from '../../prescription/teleservice/teleservice.types';
import { WIRE_NS } from './wire-schema';

export type OperationName =
  | 'consulterPrescription'
  | 'enregistrerExecution'
  | 'mettreAJourApresFacturation'
  | 'annulerExecution'
  | 'rechercherPrescriptions';

export interface OperationSpec {
  /** Reads may be retried freely; execution-kind writes only because the sequence makes them idempotent. */
  executionKind?: ExecutionKind;
}

export const OPERATIONS: Record<OperationName, OperationSpec> = {
  consulterPrescription: {},
  enregistrerExecution: { executionKind: 'execution' },
  mettreAJourApresFacturation: { executionKind: 'post-invoice' },
  annulerExecution: { executionKind: 'cancellation' },
  rechercherPrescriptions: {},
};

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

export function soapActionOf(operation: OperationName): string {
  return `${WIRE_NS}#${operation}`;
}

/** Stable fault codes carried in `teleserviceFault/code`. */
export const FAULT_CODES = {
  PRESCRIPTION_UNKNOWN: { retryable: false },
  PRESCRIPTION_FULLY_EXECUTED: { retryable: false },
  PRESCRIPTION_EXPIRED: { retryable: false },
  PRESCRIPTION_CANCELLED: { retryable: false },
  EXECUTION_INCOMPLETE: { retryable: false },
  QR_DATA_MISMATCH: { retryable: false },
  SEQUENCE_OUT_OF_ORDER: { retryable: false },
  EXECUTION_CONFLICT: { retryable: false },
  EXECUTION_UNKNOWN: { retryable: false },
  NOT_AUTHORISED: { retryable: false },
  INVALID_REQUEST: { retryable: false },
  SERVER_BUSY: { retryable: true },
} as const;

export type FaultCode = keyof typeof FAULT_CODES;
