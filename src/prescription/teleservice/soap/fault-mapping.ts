import {
  PRESCRIPTION_ERRORS,
  PrescriptionErrorCode,
  PrescriptionException,
} from '../../prescription.exception';
import type { HttpResponse } from '../http-transport';
import { TransportError } from '../http-transport';
import { isFault, readEnvelope, readFault, readPayload, WireFault, XmlParseError } from './envelope';
import { OperationName } from './operations';
import { WireMappingError } from './xml-mapper';

/** A classified outcome: the exception to surface, and whether it says the service itself is failing. */
export interface ClassifiedError {
  error: PrescriptionException;
  /** Counts towards the circuit breaker (transport, 5xx, busy, unreadable answers). */
  serviceFailure: boolean;
  /** Retrying within this call cannot help (e.g. the circuit is open). */
  final?: boolean;
}

const PASSTHROUGH: ReadonlySet<string> = new Set([
  'PRESCRIPTION_UNKNOWN',
  'PRESCRIPTION_FULLY_EXECUTED',
  'PRESCRIPTION_EXPIRED',
  'QR_DATA_MISMATCH',
  'SEQUENCE_OUT_OF_ORDER',
  'EXECUTION_CONFLICT',
  'EXECUTION_UNKNOWN',
  'NOT_AUTHORISED',
]);

export function classifyFault(fault: WireFault): ClassifiedError {
  const extra = {
    teleserviceCode: fault.code,
    ...(fault.expectedSequence !== undefined ? { expectedSequence: fault.expectedSequence } : {}),
    ...(fault.reason !== undefined ? { reason: fault.reason } : {}),
  };
  if (PASSTHROUGH.has(fault.code) && fault.code in PRESCRIPTION_ERRORS) {
    const error = new PrescriptionException(fault.code as PrescriptionErrorCode, fault.message, { extra });
    return { error, serviceFailure: false };
  }
  if (fault.code === 'SERVER_BUSY' || (fault.retryable && fault.faultcode === 'Server')) {
    const error = new PrescriptionException('TELESERVICE_UNAVAILABLE', `teleservice busy: ${fault.message}`, {
      extra,
    });
    return { error, serviceFailure: true };
  }
  return {
    error: new PrescriptionException('TELESERVICE_REFUSED', fault.message, { extra }),
    serviceFailure: false,
  };
}

/** Reads an HTTP answer to `operation`: the response fields, or a classified error. */
export function interpretResponse(
  operation: OperationName,
  response: HttpResponse,
  write = false,
): { fields: Record<string, unknown> } | ClassifiedError {
  const looksSoap = /xml/i.test(response.contentType) || response.body.trimStart().startsWith('<');
  if ((response.status === 200 || response.status === 500) && looksSoap) {
    try {
      const { payload } = readEnvelope(response.body);
      if (isFault(payload)) return classifyFault(readFault(payload));
      if (response.status === 200) return { fields: readPayload(payload, `${operation}Response`) };
    } catch (error) {
      if (!(error instanceof XmlParseError || error instanceof WireMappingError)) throw error;
      if (response.status === 200)
        return protocolError(`unreadable ${operation} response: ${error.message}`, write, error);
    }
  }
  if (response.status >= 500) {
    const error = new PrescriptionException(
      'TELESERVICE_UNAVAILABLE',
      `teleservice answered HTTP ${response.status}`,
      {
        extra: { httpStatus: response.status },
      },
    );
    return { error, serviceFailure: true };
  }
  return protocolError(
    `unexpected HTTP ${response.status} (${response.contentType || 'no content type'})`,
    write,
  );
}

function protocolError(detail: string, write: boolean, cause?: unknown): ClassifiedError {
  // An unreadable answer to a write may hide a recorded execution: resending the same sequence settles it.
  const extra = write ? { outcomeUnknown: true } : undefined;
  return {
    error: new PrescriptionException('TELESERVICE_PROTOCOL_ERROR', detail, { cause, extra }),
    serviceFailure: true,
  };
}

export function classifyTransportError(error: TransportError, write: boolean): ClassifiedError {
  // The transport's message names the address and port: it stays in the cause (logged), not in the answer.
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  const detail =
    error.failure === 'timeout'
      ? 'teleservice did not answer in time'
      : `teleservice unreachable${code && /^E[A-Z_]+$/.test(code) ? ` (${code})` : ''}`;
  // A write whose answer was lost may have been recorded: resending the same sequence settles it.
  const extra = write ? { outcomeUnknown: true } : undefined;
  return {
    error: new PrescriptionException('TELESERVICE_UNAVAILABLE', detail, { cause: error, extra }),
    serviceFailure: true,
  };
}
