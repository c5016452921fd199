import { parentPort } from 'node:worker_threads';
import { ComptoirException } from '../../core/errors/comptoir.exception';
import type { WorkerError } from './decoder-pool';
import { PixelJob, runPixelJob } from './pixel-job';
import { SCAN_DETAILS } from '../error-messages';

/** A decoder pool worker (decoder-pool.ts): one job at a time, its answer or its error's code and detail. */
parentPort?.on('message', (job: PixelJob) => {
  runPixelJob(job).then(
    (result) => parentPort!.postMessage({ result }),
    (err: unknown) => parentPort!.postMessage({ error: workerError(err) }),
  );
});

function workerError(err: unknown): WorkerError {
  if (err instanceof ComptoirException) return { code: err.code, fr: err.detail.fr, en: err.detail.en };
  const { fr, en } = SCAN_DETAILS.IMAGE_UNREADABLE.cannotDecode();
  return { code: 'IMAGE_UNREADABLE', fr, en: `${en}: ${err instanceof Error ? err.message : String(err)}` };
}
