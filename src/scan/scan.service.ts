import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { Clock } from '../core/clock/clock';
import type { AppConfig } from '../core/config/config.schema';
import { Pharmacies } from '../core/config/pharmacies';
import { APP_CONFIG } from '../core/config/config.tokens';
import { Database } from '../core/database/database';
import { EventsService } from '../core/events/events.service';
import { redactScan } from '../core/logging/redaction';
import { parseScan, ParsedScan } from './parsers';
import { SCAN_RECEIVED, ScanReceivedEvent, ScanRouting, ScanRow, ScanTrail } from './scan.events';
import { ScanRepository } from './scan.repository';
import { ScanException } from './scan.exception';
import { SCAN_DETAILS } from './error-messages';

export interface ScanInput {
  data: string;
  terminalId?: string;
  /** The caller's pharmacy (API); a device's scan belongs to its terminal's. */
  pharmacyId?: string;
  source: 'api' | 'device';
  deviceId?: string;
  fnc1Replacement?: string;
}

export interface ScanResult extends ScanRouting {
  id: string;
  kind: ParsedScan['kind'];
  parsed: ParsedScan['parsed'];
  warnings: string[];
  symbology?: string;
}

/** One path for every scan, whatever its source: parse, keep, publish, and let later stages route it. */
@Injectable()
export class ScanService {
  private readonly logger = new Logger(ScanService.name);

  constructor(
    private readonly db: Database,
    private readonly scans: ScanRepository,
    private readonly events: EventsService,
    private readonly emitter: EventEmitter2,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pharmacies: Pharmacies,
  ) {}

  /** Parses only (no terminal): nothing is stored or routed. */
  parse(data: string, fnc1Replacement?: string): ParsedScan {
    if (data.length > this.config.scan.maxLength) {
      throw new ScanException(
        'SCAN_TOO_LARGE',
        SCAN_DETAILS.SCAN_TOO_LARGE.over({ max: this.config.scan.maxLength }),
      );
    }
    return parseScan(data, { fnc1Replacement, referenceYear: this.clock.now().getFullYear() });
  }

  async ingest(input: ScanInput): Promise<ScanResult> {
    if (this.config.log.rawScans) this.logger.debug({ scan: redactScan(input.data) }, 'scan received');
    let scan: ParsedScan;
    try {
      scan = this.parse(input.data, input.fnc1Replacement);
    } catch (err) {
      if (input.source === 'device' && err instanceof ScanException) {
        this.events.publish(
          'scan',
          { deviceId: input.deviceId, error: { code: err.code } },
          input.terminalId,
        );
      }
      throw err;
    }
    const id = randomUUID();
    const result: ScanResult = { id, kind: scan.kind, parsed: scan.parsed, warnings: [...scan.warnings] };
    if (scan.symbology) result.symbology = scan.symbology.symbology;
    if (input.terminalId === undefined) return result;
    const pharmacyId = this.pharmacies.resolve(input.pharmacyId, input.terminalId);

    // Live view first: the SSE event does not wait for the fsync of the trail record (docs/PERFORMANCE.md).
    this.events.publish(
      'scan',
      { id, kind: scan.kind, parsed: scan.parsed, warnings: scan.warnings, deviceId: input.deviceId },
      input.terminalId,
      pharmacyId,
    );
    const trail = new ScanTrail(
      {
        pharmacyId,
        id,
        terminalId: input.terminalId,
        deviceId: input.deviceId ?? null,
        source: input.source,
        kind: scan.kind,
        symbology: scan.symbology?.symbology ?? null,
        parsed: scan.parsed,
        warnings: scan.warnings,
        createdAt: this.clock.now(),
      },
      (m, row) => this.scans.insert(m, row),
    );
    this.logger.log(
      { scanId: id, kind: scan.kind, terminalId: input.terminalId, source: input.source },
      'scan',
    );
    const event: ScanReceivedEvent = {
      scanId: id,
      terminalId: input.terminalId,
      source: input.source,
      deviceId: input.deviceId,
      scan,
      trail,
    };
    // Listeners run synchronously up to their first await: a router that writes in its own transaction has
    // claimed the trail record by now. Otherwise it is written while the scan is routed.
    const routing = this.emitter.emitAsync(SCAN_RECEIVED, event) as Promise<(ScanRouting | undefined)[]>;
    const stored = trail.unclaimed()
      ? this.store(trail.row).then(
          () => undefined,
          (error: unknown) => ({ error }),
        )
      : undefined;
    const routed = await routing.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const failed = await stored;
    // Claimed but not committed (the router failed before its commit): written now, once.
    if (trail.uncommitted()) await this.store(trail.row);
    if (failed) throw failed.error;
    if ('error' in routed) throw routed.error;
    for (const r of routed.value) {
      if (!r) continue;
      if (r.retrieval) result.retrieval = r.retrieval;
      if (r.sessionId) result.sessionId = r.sessionId;
      if (r.warnings) result.warnings.push(...r.warnings);
    }
    return result;
  }

  private store(row: ScanRow): Promise<void> {
    return this.db.transaction((m) => this.scans.insert(m, row));
  }
}
