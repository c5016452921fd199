import type { OctReport } from './oct-report';

/** Why a delivery failed: `permanent` when sending the same report again cannot help (the receiver refused it). */
export class OctDeliveryError extends Error {
  override name = 'OctDeliveryError';

  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/**
 * Where execution reports go (« continuité de service OCT »), chosen by `oct.adapter`. A delivery either
 * resolves (the receiver has the report) or rejects, with an `OctDeliveryError` saying whether to retry.
 * It may be repeated after a crash: receivers deduplicate on `report.reportId`.
 */
export abstract class OctPort {
  abstract readonly name: 'directory' | 'http';
  abstract deliver(report: OctReport, pdf: Buffer): Promise<void>;
}
