import type { ParsedScan } from './parsers';

/** Emitted (EventEmitter2, emitAsync) after a scan is parsed and stored; later stages route it. */
export const SCAN_RECEIVED = 'scan.received';

export interface ScanReceivedEvent {
  scanId: string;
  terminalId: string;
  source: 'api' | 'device';
  deviceId?: string;
  scan: ParsedScan;
}

/** What a listener returns to tell the caller what routing did (API.md scan response). */
export interface ScanRouting {
  retrieval?: { status: 'retrieved' | 'unknown' | 'unavailable' | 'refused'; code?: string };
  sessionId?: string;
  warnings?: string[];
}
