import { spawn } from 'node:child_process';
import { ScanException } from '../scan.exception';
import { GreyImage } from './grey-image';
import { decodePgm, unreadable } from './raster';
import { SCAN_DETAILS } from '../error-messages';
const U = SCAN_DETAILS.IMAGE_UNREADABLE;

/*
 * PDF pages to pixels with poppler's pdftoppm (Debian poppler-utils) as a child process, fed on stdin and
 * read on stdout: no temporary file, a hard timeout, and a crash or a hostile PDF stays outside the service.
 * Why not pdfjs-dist: docs/scanning.md § Codes from images.
 */

export interface PdfRenderOptions {
  /** Rendering resolution; lowered for a page whose pixels would exceed maxPixels. */
  dpi: number;
  maxPixels: number;
  /** Time left for this document; each child process is killed past it. */
  deadline: number;
}

export interface PdfPageSize {
  page: number;
  widthPt: number;
  heightPt: number;
}

interface RunResult {
  stdout: Buffer;
  stderr: string;
}

/** Runs a tool with `input` on stdin; IMAGE_UNREADABLE on a non-zero exit or a timeout. */
function run(cmd: string, args: string[], input: Buffer, deadline: number, maxOutput: number) {
  return new Promise<RunResult>((resolve, reject) => {
    const timeoutMs = Math.max(1, deadline - Date.now());
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: ScanException | undefined;
    const timer = setTimeout(() => {
      failure = unreadable(U.toolTimeout({ tool: cmd, ms: timeoutMs }));
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutput && !failure) {
        failure = unreadable(U.toolOutput({ tool: cmd, bytes: maxOutput }));
        child.kill('SIGKILL');
      } else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    // The tool may exit (bad PDF) before reading all of stdin: that EPIPE is not the error to report.
    child.stdin.on('error', () => undefined);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT') {
        reject(
          new ScanException(
            'IMAGE_RENDERER_UNAVAILABLE',
            SCAN_DETAILS.IMAGE_RENDERER_UNAVAILABLE.notInstalled({ tool: cmd }),
            { cause: err },
          ),
        );
      } else reject(unreadable(U.toolStart({ tool: cmd, why: err.message }), err));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) {
        const why = stderr.split('\n').find((l) => /error/i.test(l)) ?? `exit code ${code}`;
        return reject(unreadable(U.pdf({ why: why.trim() })));
      }
      resolve({ stdout: Buffer.concat(out), stderr });
    });
    child.stdin.end(input);
  });
}

/** Page count and sizes in points, from pdfinfo. */
export async function pdfPageSizes(pdf: Buffer, maxPages: number, deadline: number): Promise<PdfPageSize[]> {
  const info = await run('pdfinfo', ['-f', '1', '-l', String(maxPages + 1), '-'], pdf, deadline, 1 << 20);
  const text = info.stdout.toString('utf8');
  const pages = Number(/^Pages:\s+(\d+)/m.exec(text)?.[1] ?? NaN);
  if (!Number.isInteger(pages) || pages < 1) throw unreadable(U.pdfNoPage());
  if (pages > maxPages) {
    throw new ScanException(
      'IMAGE_TOO_LARGE',
      SCAN_DETAILS.IMAGE_TOO_LARGE.pdfPages({ pages, max: maxPages }),
    );
  }
  const sizes: PdfPageSize[] = [];
  for (const m of text.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
    sizes.push({ page: Number(m[1]), widthPt: Number(m[2]), heightPt: Number(m[3]) });
  }
  if (sizes.length !== pages) throw unreadable(U.pdfPageSizes());
  return sizes;
}

/** The resolution for one page: `dpi`, or less when the page is so large that it would exceed maxPixels. */
export function pageDpi(size: PdfPageSize, dpi: number, maxPixels: number): number {
  const squareInches = (size.widthPt / 72) * (size.heightPt / 72);
  return Math.max(1, Math.min(dpi, Math.floor(Math.sqrt(maxPixels / Math.max(squareInches, 1e-6)))));
}

/** Renders one page (1-based) to greyscale pixels. */
export async function renderPdfPage(
  pdf: Buffer,
  size: PdfPageSize,
  options: PdfRenderOptions,
): Promise<{ image: GreyImage; dpi: number }> {
  const dpi = pageDpi(size, options.dpi, options.maxPixels);
  const page = String(size.page);
  const args = ['-gray', '-r', String(dpi), '-f', page, '-l', page, '-singlefile', '-'];
  const { stdout } = await run('pdftoppm', args, pdf, options.deadline, options.maxPixels * 1.1 + 4096);
  return { image: decodePgm(stdout), dpi };
}
