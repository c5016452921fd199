import { parentPort } from 'node:worker_threads';
import { ComptoirException } from '../../core/errors/comptoir.exception';
import { PixelJob, runPixelJob } from './pixel-job';

/** A decoder pool worker (decoder-pool.ts): one job at a time, its answer or its error's code. */
parentPort?.on('message', (job: PixelJob) => {
  runPixelJob(job).then(
    (result) => parentPort!.postMessage({ result }),
    (err: unknown) =>
      parentPort!.postMessage({
        error: {
          code: err instanceof ComptoirException ? err.code : 'IMAGE_UNREADABLE',
          message: err instanceof Error ? err.message : String(err),
        },
      }),
  );
});
