import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { lstat, mkdtemp, open, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Suffix, TextEncoding } from '../scanner/framing';
import { ScannerError } from '../scanner/scanner-error';
import { SILENT_LOGGER, type DeviceLogger } from '../scanner/types';

export interface VirtualSerialScannerOptions {
  /** Where the `ttyScanner` / `ttyHost` links go; default a fresh temporary directory, removed on `stop()`. */
  dir?: string;
  /** The socat executable; default `socat` from PATH. */
  socatPath?: string;
  /** How long socat may take to create both pty links; default 5000 ms. */
  startTimeoutMs?: number;
  logger?: DeviceLogger;
}

export interface ScanWriteOptions {
  /** Default `CR`. */
  suffix?: Suffix;
  /** AIM symbology identifier sent before the data, e.g. `]d2`. */
  symbology?: string;
  prefix?: string;
  /** Default `utf8`. */
  encoding?: TextEncoding;
  /** Chunk sizes to cut the bytes into, in order; what is left is one last chunk. */
  split?: number[];
  /** Pause between chunks, so each arrives on its own; default 0. */
  delayMs?: number;
}

const SUFFIX: Record<Suffix, string> = { CR: '\r', LF: '\n', CRLF: '\r\n', none: '' };

export function encodeScan(data: string, options: ScanWriteOptions = {}): Buffer {
  const text = `${options.prefix ?? ''}${options.symbology ?? ''}${data}${SUFFIX[options.suffix ?? 'CR']}`;
  return Buffer.from(text, options.encoding ?? 'utf8');
}

export function splitChunks(bytes: Buffer, sizes: readonly number[] = []): Buffer[] {
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= bytes.length) break;
    if (!(size > 0)) throw new RangeError(`chunk size must be positive, got ${size}`);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  if (at < bytes.length) chunks.push(bytes.subarray(at));
  return chunks;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// vanish() kills socat so the port disappears as an unplugged USB scanner would; reappear() restarts it.
export class VirtualSerialScanner {
  readonly dir: string;
  readonly scannerPath: string;
  readonly hostPath: string;
  private child?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    dir: string,
    private readonly ownsDir: boolean,
    private readonly options: VirtualSerialScannerOptions,
  ) {
    this.dir = dir;
    this.scannerPath = join(dir, 'ttyScanner');
    this.hostPath = join(dir, 'ttyHost');
  }

  static async start(options: VirtualSerialScannerOptions = {}): Promise<VirtualSerialScanner> {
    const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'comptoir-scanner-')));
    const sim = new VirtualSerialScanner(dir, options.dir === undefined, options);
    try {
      await sim.reappear();
    } catch (err) {
      await sim.stop();
      throw err;
    }
    return sim;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Types one code into the scanner end, as the scanner would send it. */
  async scan(data: string, options: ScanWriteOptions = {}): Promise<void> {
    await this.write(encodeScan(data, options), options);
  }

  /** Writes raw bytes into the scanner end, cut and paced as asked. */
  async write(bytes: Buffer, options: Pick<ScanWriteOptions, 'split' | 'delayMs'> = {}): Promise<void> {
    if (!this.child) throw new ScannerError('SIMULATOR_FAILED', 'the virtual scanner is not running');
    // O_NOCTTY: the pty must not become this process's controlling terminal.
    const file = await open(this.scannerPath, constants.O_WRONLY | constants.O_NOCTTY);
    try {
      const chunks = splitChunks(bytes, options.split);
      for (const [i, chunk] of chunks.entries()) {
        await file.write(chunk);
        if (options.delayMs && i < chunks.length - 1) await sleep(options.delayMs);
      }
    } finally {
      await file.close();
    }
  }

  /** Kills socat: both ptys close and the links go, as when a USB scanner is pulled out. */
  async vanish(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    child.kill('SIGTERM');
    const escalate = setTimeout(() => child.kill('SIGKILL'), 2000);
    await this.exited;
    clearTimeout(escalate);
    await this.unlinkPtys();
  }

  // socat removes its links on SIGTERM; after SIGKILL or a crashed run they would dangle.
  private async unlinkPtys(): Promise<void> {
    await Promise.all([this.scannerPath, this.hostPath].map((p) => unlink(p).catch(() => undefined)));
  }

  /** (Re)starts socat at the same paths and waits for both links. */
  async reappear(): Promise<void> {
    if (this.child) return;
    const logger = this.options.logger ?? SILENT_LOGGER;
    await this.unlinkPtys();
    const pty = (link: string): string => `pty,raw,echo=0,link=${link}`;
    const child = spawn(
      this.options.socatPath ?? 'socat',
      ['-d', '-d', pty(this.scannerPath), pty(this.hostPath)],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-2000);
      logger.debug('socat', { output: text.trim() });
    });
    let failure: Error | undefined;
    this.exited = new Promise((resolve) => {
      const gone = (error: ScannerError): void => {
        failure ??= error;
        if (this.child === child) this.child = undefined;
        resolve();
      };
      child.once('error', (err: NodeJS.ErrnoException) =>
        gone(
          err.code === 'ENOENT'
            ? new ScannerError('SOCAT_MISSING', 'socat not found: apt-get install socat', { cause: err })
            : new ScannerError('SIMULATOR_FAILED', 'socat could not start', { cause: err }),
        ),
      );
      child.once('exit', (code, signal) =>
        gone(new ScannerError('SIMULATOR_FAILED', `socat exited (${code ?? signal}): ${stderr.trim()}`)),
      );
    });
    this.child = child;
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 5000);
    while (!(await linked(this.scannerPath, this.hostPath))) {
      if (failure) throw failure;
      if (Date.now() > deadline) {
        await this.vanish();
        throw new ScannerError('SIMULATOR_FAILED', `socat did not create its pty links within the timeout`);
      }
      await sleep(10);
    }
  }

  /** Kills socat and removes the temporary directory it made. */
  async stop(): Promise<void> {
    await this.vanish();
    if (this.ownsDir) await rm(this.dir, { recursive: true, force: true });
  }
}

async function linked(...paths: string[]): Promise<boolean> {
  const found = await Promise.all(
    paths.map((p) =>
      lstat(p).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.every(Boolean);
}
