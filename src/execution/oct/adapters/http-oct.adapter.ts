import { SIGNATURE_HEADER, signComptoirPayload } from '../../../core/signature/comptoir-signature';
import type { Clock } from '../../../core/clock/clock';
import type { OctReport } from '../oct-report';
import { OctDeliveryError, OctPort } from '../oct.port';

/** Header naming the report, for a receiver that deduplicates before parsing the body. */
export const REPORT_ID_HEADER = 'Comptoir-Report-Id';

/**
 * A POST of `{report, pdf}` (the PDF in base64) to the OCT receiver, signed like the webhooks of API.md
 * (`Comptoir-Signature`, core/signature). 2xx: delivered. 408, 429, 5xx, a timeout or no connection: tried
 * again later. Any other 4xx: the receiver refuses this report, retrying cannot help.
 */
export class HttpOctAdapter extends OctPort {
  readonly name = 'http' as const;

  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly timeoutMs: number,
    private readonly clock: Clock,
  ) {
    super();
  }

  async deliver(report: OctReport, pdf: Buffer): Promise<void> {
    const body = JSON.stringify({ report, pdf: pdf.toString('base64') });
    let status: number;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signComptoirPayload(this.secret, body, this.clock.now()),
          [REPORT_ID_HEADER]: report.reportId,
          'idempotency-key': report.reportId,
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      throw new OctDeliveryError(`the OCT receiver did not answer: ${cause}`);
    }
    if (status >= 200 && status < 300) return;
    const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
    throw new OctDeliveryError(`the OCT receiver answered HTTP ${status}`, permanent);
  }
}
