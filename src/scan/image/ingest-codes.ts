import { ScanException } from '../scan.exception';
import type { ScanResult, ScanService } from '../scan.service';
import type { CodePosition, DecodedCode } from './decode-image';
import { Text } from '../../core/i18n/messages';

/**
 * One code found in a picture: the scan result as for POST /api/v1/scans, or why its text did not parse
 * (its detail in French, English for a client who asks: the HTTP edge picks).
 */
export type ScannedCode =
  | (ScanResult & { format: DecodedCode['format']; position: CodePosition })
  | { format: DecodedCode['format']; position: CodePosition; error: { code: string; detail: Text } };

/**
 * Sends each decoded text through the one parse-and-route path, in reading order. A text that does not
 * parse becomes an entry with `error` (the other codes of the picture still count); any other failure
 * (the database, say) fails the request as it would for a single scan.
 */
export async function ingestCodes(
  scans: ScanService,
  codes: DecodedCode[],
  terminalId: string | undefined,
): Promise<ScannedCode[]> {
  const out: ScannedCode[] = [];
  for (const code of codes) {
    try {
      const result = await scans.ingest({ data: code.text, terminalId, source: 'api' });
      out.push({ ...result, format: code.format, position: code.position });
    } catch (err) {
      if (!(err instanceof ScanException)) throw err;
      out.push({
        format: code.format,
        position: code.position,
        error: { code: err.code, detail: err.detail },
      });
    }
  }
  return out;
}
