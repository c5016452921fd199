import { MedicinesException } from '../medicines.exception';
import { BDPM_FILE_NAMES } from './bdpm-dataset';
import { GENER_FILE } from './parsers/gener.parser';
import { HAS_CT_FILE } from './parsers/has-ct.parser';
import { MEDICINES_DETAILS as D } from '../error-messages';

export interface DownloadOptions {
  /** Per file (default 120 s). */
  timeoutMs?: number;
  /** Told after each file arrives. */
  onFile?: (file: string, bytes: number) => void;
}

/**
 * The first field of the first line, per file: a CIS (8 digits), a generic group number, a HAS file code.
 * An error page, a login page or a truncated body does not start like that.
 */
const FIRST_FIELD: Record<string, RegExp> = { [GENER_FILE]: /^\d+\t/, [HAS_CT_FILE]: /^CT-\d+\t/ };
const CIS_FIRST = /^\d{8}\t/;

/** The address of one file: `base` is a folder (ending in `/`) or a prefix such as `…?fichier=`. */
export function fileUrl(base: string, file: string): string {
  return /[/=]$/.test(base) ? `${base}${file}` : `${base}/${file}`;
}

/**
 * Downloads the BDPM files from `base` and checks that each is one: HTTP 200, not empty, not HTML, and
 * starting as that file does. `HAS_LiensPageCT_bdpm.txt` is optional (a 404 leaves it out). Nothing is
 * written anywhere: the caller imports the files (BdpmImporter.importFiles), atomically.
 */
export async function downloadBdpm(
  base: string,
  options: DownloadOptions = {},
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const file of BDPM_FILE_NAMES) {
    const url = fileUrl(base, file);
    let res: Response;
    let bytes: Uint8Array;
    try {
      res = await fetch(url, {
        signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
        headers: { 'user-agent': 'Comptoir (referential update)' },
      });
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const why = e.cause?.code ?? e.cause?.message ?? e.message;
      const detail = D.REFERENTIAL_DOWNLOAD_FAILED.unreachable({
        url,
        timeout: e.name === 'TimeoutError',
        why,
      });
      throw new MedicinesException('REFERENTIAL_DOWNLOAD_FAILED', detail, { cause: err });
    }
    if (res.status === 404 && file === HAS_CT_FILE) continue;
    if (res.status !== 200) {
      throw new MedicinesException(
        'REFERENTIAL_DOWNLOAD_FAILED',
        D.REFERENTIAL_DOWNLOAD_FAILED.httpStatus({ url, status: res.status }),
        {
          extra: { file, httpStatus: res.status },
        },
      );
    }
    check(file, url, bytes, res.headers.get('content-type') ?? '');
    files.set(file, bytes);
    options.onFile?.(file, bytes.length);
  }
  return files;
}

function check(file: string, url: string, bytes: Uint8Array, contentType: string): void {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const invalid = (reason: 'empty' | 'html' | 'layout') =>
    new MedicinesException(
      'REFERENTIAL_DOWNLOAD_INVALID',
      D.REFERENTIAL_DOWNLOAD_INVALID.notBdpm({ url, file, reason }),
      {
        extra: { file },
      },
    );
  if (bytes.length === 0) throw invalid('empty');
  if (/html/i.test(contentType) || head.trimStart().startsWith('<')) throw invalid('html');
  if (!(FIRST_FIELD[file] ?? CIS_FIRST).test(head)) throw invalid('layout');
}
