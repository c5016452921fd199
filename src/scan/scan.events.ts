import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { ParsedScan } from './parsers';
import type { ScanEntity } from './scan.entity';

export type ScanRow = QueryDeepPartialEntity<ScanEntity>;

/**
 * The scan's trail record, not written yet when the scan is routed. A router that writes in a transaction
 * of its own after a slow call (a prescription retrieved from the teleservice) claims it, synchronously,
 * before its first `await`, and writes it in that transaction: one commit instead of two. A trail nobody
 * claims is written by the scan stage while the scan is routed; one claimed but not committed (the router
 * failed) is written by the scan stage after routing. Either way it is written once.
 */
export class ScanTrail {
  private state: 'open' | 'claimed' | 'committed' | 'written' = 'open';

  constructor(
    readonly row: ScanRow,
    private readonly write: (m: EntityManager, row: ScanRow) => Promise<void>,
  ) {}

  /** Takes the writing over; false when the scan stage writes it already. */
  claim(): boolean {
    if (this.state !== 'open') return false;
    this.state = 'claimed';
    return true;
  }

  get claimed(): boolean {
    return this.state !== 'open';
  }

  /** Writes the record in the claimant's transaction; call `committed()` once that transaction commits. */
  async writeIn(m: EntityManager): Promise<void> {
    await this.write(m, this.row);
  }

  committed(): void {
    this.state = 'committed';
  }

  /** The scan stage's side, once listeners started: true when nobody claimed it (write it now). */
  unclaimed(): boolean {
    if (this.state !== 'open') return false;
    this.state = 'written';
    return true;
  }

  /** The scan stage's side, after routing: true when claimed but never committed (write it now). */
  uncommitted(): boolean {
    if (this.state !== 'claimed') return false;
    this.state = 'written';
    return true;
  }
}

/** Emitted (EventEmitter2, emitAsync) after a scan is parsed and published; later stages route it. */
export const SCAN_RECEIVED = 'scan.received';

export interface ScanReceivedEvent {
  scanId: string;
  terminalId: string;
  source: 'api' | 'device';
  deviceId?: string;
  scan: ParsedScan;
  /** The trail record, to claim when the router writes it in its own transaction. */
  trail?: ScanTrail;
}

/** What a listener returns to tell the caller what routing did (API.md scan response). */
export interface ScanRouting {
  retrieval?: { status: 'retrieved' | 'unknown' | 'unavailable' | 'refused'; code?: string };
  sessionId?: string;
  warnings?: string[];
}
