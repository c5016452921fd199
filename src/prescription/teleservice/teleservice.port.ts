import type {
  Acknowledgement,
  Cancellation,
  ConsultContext,
  ExecutionPayload,
  InvoiceUpdate,
  Prescription,
  PrescriptionSummary,
  SearchCriteria,
  TeleserviceHealth,
} from './teleservice.types';

/**
 * The e-prescription teleservice as the prescription and execution stages see it (also the DI token).
 * Every method either resolves with data or rejects with a `PrescriptionException` whose code says what
 * happened and whether it is worth retrying; none hangs longer than the adapter's configured timeout.
 *
 * Execution-kind calls (record, post-invoice update, cancellation) share one sequence per prescription and
 * per executing pharmacy, numbered by the caller from 1: `n` is accepted only after `n-1`, and resending
 * `n` with the same payload returns the original acknowledgement, so a lost answer is safely resent.
 */
export abstract class TeleservicePort {
  /** Fetches the prescription and the executions already recorded, by any pharmacy. */
  abstract consult(prescriptionId: string, context?: ConsultContext): Promise<Prescription>;

  abstract recordExecution(
    prescriptionId: string,
    sequence: number,
    execution: ExecutionPayload,
  ): Promise<Acknowledgement>;

  abstract updateAfterInvoicing(
    prescriptionId: string,
    sequence: number,
    invoice: InvoiceUpdate,
  ): Promise<Acknowledgement>;

  abstract cancelExecution(
    prescriptionId: string,
    sequence: number,
    cancellation: Cancellation,
  ): Promise<Acknowledgement>;

  abstract search(criteria: SearchCriteria): Promise<PrescriptionSummary[]>;

  /** Reachability for /health; never rejects. */
  abstract ping(): Promise<TeleserviceHealth>;

  /**
   * The port acting for that pharmacy: its calls carry the pharmacy's FINESS and AM number in the signed
   * assertion (the executing pharmacy of an execution, whose sequence the teleservice keeps per pharmacy).
   * The default is this port itself (an adapter that signs nothing).
   */
  as(pharmacy: { finess?: string; am?: string }): TeleservicePort {
    void pharmacy;
    return this;
  }

  /** Releases sockets and timers; the default has none. */
  async close(): Promise<void> {}
}
