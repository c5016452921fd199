import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AppConfig } from '../../core/config/config.schema';
import { APP_CONFIG } from '../../core/config/config.tokens';
import { ScanErrorCode, ScanException, SCAN_ERRORS } from '../scan.exception';
import type { PixelJob, PixelResult } from './pixel-job';
import { SCAN_DETAILS } from '../error-messages';
import { Text } from '../../core/i18n/messages';

/** How long past its budget a job may run before its worker is killed (a zxing call finishing). */
export const KILL_GRACE_MS = 500;
/** DI token of the grace (tests shorten it). */
export const KILL_GRACE = 'comptoir:image-kill-grace';
/** What a client told IMAGE_BUSY waits: about one picture's deadline. */
const RETRY_AFTER_SECONDS = 5;

interface Task {
  job: PixelJob;
  resolve: (r: PixelResult) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker?: Worker;
  busy: boolean;
}

/**
 * The worker file: compiled JavaScript beside this one in dist/, else (tests, `npm run bench`) the
 * TypeScript source loaded through @swc-node/register, which the worker's fresh module loader needs.
 */
function spawnWorker(): Worker {
  const js = join(__dirname, 'decode.worker.js');
  if (existsSync(js)) return new Worker(js);
  const ts = JSON.stringify(join(__dirname, 'decode.worker.ts'));
  return new Worker(`require('@swc-node/register');require(${ts});`, { eval: true });
}

/**
 * Pictures are decoded off the event loop (docs/scanning.md § Codes from images): `scan.imageWorkers`
 * worker threads (1 or 2), each killed when a job outlives its budget (pngjs and zxing cannot be
 * interrupted from inside), and at most `scan.imageQueue` jobs waiting; one more is 503 IMAGE_BUSY.
 */
@Injectable()
export class ImageDecoderPool implements OnModuleDestroy {
  private readonly logger = new Logger(ImageDecoderPool.name);
  private readonly slots: Slot[];
  private readonly queue: Task[] = [];
  private readonly maxQueue: number;
  private killed = 0;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'scan'>,
    @Optional() @Inject(KILL_GRACE) private readonly killGraceMs: number = KILL_GRACE_MS,
  ) {
    this.slots = Array.from({ length: config.scan.imageWorkers }, () => ({ busy: false }));
    this.maxQueue = config.scan.imageQueue;
  }

  /** Runs a job on a free worker, or queues it; IMAGE_BUSY (503, Retry-After) when the queue is full. */
  run = (job: PixelJob): Promise<PixelResult> =>
    new Promise((resolve, reject) => {
      const task = { job, resolve, reject };
      const slot = this.slots.find((s) => !s.busy);
      if (slot) this.start(slot, task);
      else if (this.queue.length < this.maxQueue) this.queue.push(task);
      else {
        reject(
          new ScanException('IMAGE_BUSY', SCAN_DETAILS.IMAGE_BUSY.busy(), {
            extra: { retryAfterSeconds: RETRY_AFTER_SECONDS },
          }),
        );
      }
    });

  /** Jobs running and waiting, and workers killed so far (tests, benchmarks). */
  get stats(): { running: number; queued: number; killed: number } {
    return {
      running: this.slots.filter((s) => s.busy).length,
      queued: this.queue.length,
      killed: this.killed,
    };
  }

  async onModuleDestroy(): Promise<void> {
    for (const t of this.queue.splice(0))
      t.reject(new ScanException('IMAGE_UNREADABLE', SCAN_DETAILS.IMAGE_UNREADABLE.stopping()));
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
  }

  private start(slot: Slot, task: Task): void {
    slot.busy = true;
    const worker = (slot.worker ??= spawnWorker());
    worker.unref();
    let settled = false;
    const settle = (outcome: () => void, retire = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (retire) {
        slot.worker = undefined;
        void worker.terminate();
      }
      outcome();
      slot.busy = false;
      const next = this.queue.shift();
      if (next) this.start(slot, next);
    };
    const onMessage = (msg: { result?: PixelResult; error?: WorkerError }) =>
      settle(() => (msg.result ? task.resolve(msg.result) : task.reject(rebuild(msg.error!))));
    const onError = (err: Error) => {
      this.logger.warn(`image worker failed: ${err.message}`);
      settle(
        () =>
          task.reject(
            new ScanException('IMAGE_UNREADABLE', SCAN_DETAILS.IMAGE_UNREADABLE.cannotDecode(), {
              cause: err,
            }),
          ),
        true,
      );
    };
    const onExit = () =>
      settle(
        () =>
          task.reject(new ScanException('IMAGE_UNREADABLE', SCAN_DETAILS.IMAGE_UNREADABLE.workerStopped())),
        true,
      );
    // Past its budget the job is given up: what it read is lost, the caller says NO_CODE_FOUND.
    const timer = setTimeout(() => {
      this.killed += 1;
      settle(() => task.resolve({ codes: [], timedOut: true }), true);
    }, task.job.budgetMs + this.killGraceMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    const { job, transfer } = detached(task.job);
    worker.postMessage(job, transfer);
  }
}

/** The job with its pixels or bytes in a buffer of their own, moved (not copied) to the worker. */
function detached(job: PixelJob): { job: PixelJob; transfer: ArrayBuffer[] } {
  if (job.kind === 'raster') {
    const bytes = new Uint8Array(job.bytes);
    return { job: { ...job, bytes }, transfer: [bytes.buffer] };
  }
  const data = new Uint8ClampedArray(job.image.data);
  return { job: { ...job, image: { ...job.image, data } }, transfer: [data.buffer] };
}

/** A worker's error as it crosses the thread boundary (decode.worker.ts): its code and detail. */
export interface WorkerError {
  code: string;
  fr: string;
  en: string;
}

function rebuild(error: WorkerError): ScanException {
  const code = (error.code in SCAN_ERRORS ? error.code : 'IMAGE_UNREADABLE') as ScanErrorCode;
  return new ScanException(code, new Text(error.fr, error.en));
}
