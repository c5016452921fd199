import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Pharmacies } from '../core/config/pharmacies';
import { Database } from '../core/database/database';
import { EventsService } from '../core/events/events.service';
import { DispensationService } from '../dispensation/dispensation.service';
import { issue, Issue } from '../dispensation/issue';
import { PacksService } from '../dispensation/packs.service';
import { compareQrTraits } from '../prescription/identity-traits';
import { PrescriptionException } from '../prescription/prescription.exception';
import { FetchedPrescription, PrescriptionService } from '../prescription/prescription.service';
import type { PrescriptionView } from '../prescription/prescription.view';
import type { PrescriptionQr } from '../scan/parsers';
import { PatientRouter } from './patient-router.service';
import { NO_OPEN_DISPENSATION } from './routing-warnings';
import { SCAN_RECEIVED, ScanReceivedEvent, ScanRouting } from '../scan/scan.events';

type RetrievalStatus = NonNullable<ScanRouting['retrieval']>['status'];

/**
 * "Unavailable" in API.md's degraded mode: the circuit is open or the client's retries are exhausted (an
 * unreadable answer counts: the service is failing). A signer or a refusal is not the teleservice down.
 */
const DEGRADED_CODES = new Set(['TELESERVICE_UNAVAILABLE', 'TELESERVICE_PROTOCOL_ERROR']);

/** What a retrieval failure means at the counter (API.md scan response `retrieval.status`). */
export function retrievalStatusOf(err: PrescriptionException): RetrievalStatus {
  if (err.code === 'PRESCRIPTION_UNKNOWN') return 'unknown';
  return err.retryable ? 'unavailable' : 'refused';
}

/**
 * The counter's orchestration at the end of the chain: a prescription QR or ID scanned on a terminal is
 * retrieved and opens (or resumes) that terminal's dispensation; a pack or product code goes into the
 * terminal's open dispensation. Earlier stages never call forward.
 */
@Injectable()
export class ScanRouter {
  private readonly logger = new Logger('counter');

  constructor(
    private readonly prescriptions: PrescriptionService,
    private readonly dispensations: DispensationService,
    private readonly packs: PacksService,
    private readonly events: EventsService,
    private readonly patient: PatientRouter,
    private readonly db: Database,
    private readonly pharmacies: Pharmacies,
  ) {}

  @OnEvent(SCAN_RECEIVED)
  async route(event: ScanReceivedEvent): Promise<ScanRouting | undefined> {
    const { scan, terminalId } = event;
    if (scan.kind === 'pack' || scan.kind === 'product-code') return this.routePack(event);
    if (scan.kind !== 'prescription-qr' && scan.kind !== 'prescription-id') return undefined;
    const prescriptionId = scan.parsed.prescriptionId;
    // Before any await: this router writes the scan's trail record itself, with the rest, after the SOAP answer.
    const trail = event.trail?.claim() ? event.trail : undefined;
    let fetched: FetchedPrescription;
    try {
      fetched = await this.prescriptions.fetch(
        this.pharmacies.resolve(undefined, terminalId),
        prescriptionId,
      );
    } catch (err) {
      if (!(err instanceof PrescriptionException)) throw err;
      const status = retrievalStatusOf(err);
      this.logger.warn({ prescriptionId, code: err.code, terminalId }, 'prescription not retrieved');
      // API.md event: the counter shows why the scan opened nothing (or opened a degraded dispensation).
      this.events.publish(
        'retrieval-failed',
        { prescriptionId, scanId: event.scanId, status, code: err.code },
        terminalId,
      );
      // The counter never stops because the national service did: the QR's identity opens a degraded one.
      if (scan.kind === 'prescription-qr' && DEGRADED_CODES.has(err.code)) {
        const degraded = await this.db.transaction(async (m) => {
          await trail?.writeIn(m);
          return this.dispensations.openDegradedIn(m, scan.parsed, terminalId);
        });
        trail?.committed();
        await this.dispensations.opened(degraded);
        return { retrieval: { status, code: err.code }, sessionId: degraded.id };
      }
      return { retrieval: { status, code: err.code } };
    }
    const prescription = fetched.view;
    const issues: Issue[] = scan.kind === 'prescription-qr' ? this.qrIssues(scan.parsed, prescription) : [];
    issues.push(...this.patient.openingIssues(terminalId, prescription));
    // One commit for the trail record, the prescription's copy and the dispensation (docs/PERFORMANCE.md).
    const dispensation = await this.db.transaction(async (m) => {
      await trail?.writeIn(m);
      await this.prescriptions.storeIn(m, fetched);
      return this.dispensations.openIn(m, prescriptionId, terminalId, prescription, issues);
    });
    trail?.committed();
    this.events.publish('prescription-retrieved', { prescriptionId, scanId: event.scanId }, terminalId);
    await this.dispensations.opened(dispensation, prescription);
    return { retrieval: { status: 'retrieved' }, sessionId: dispensation.id };
  }

  /** A box scanned on a terminal: into its open dispensation; none open is a warning, not an error. */
  private async routePack(event: ScanReceivedEvent): Promise<ScanRouting> {
    const view = await this.packs.addScanned(event.terminalId, event.scan, event.scanId);
    if (view) return { sessionId: view.id };
    this.logger.warn(
      { scanId: event.scanId, terminalId: event.terminalId },
      'pack scanned with no open dispensation',
    );
    return { warnings: [NO_OPEN_DISPENSATION] };
  }

  /** Anti-fraud: the QR's patient and prescriber must be the base's; a difference blocks, it is not ignored. */
  private qrIssues(qr: PrescriptionQr, p: PrescriptionView): Issue[] {
    const mismatches = compareQrTraits(qr, { patient: p.patient, prescriber: p.prescriber });
    if (mismatches.length === 0) return [];
    const fields = mismatches.map((m) => m.field);
    this.logger.warn({ prescriptionId: p.prescriptionId, fields }, 'QR data differ from the teleservice');
    return [issue('QR_DATA_MISMATCH', { fields })];
  }
}
