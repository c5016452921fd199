import type { Server } from 'node:http';

export interface DrainOptions {
  /** Ends the responses that never end by themselves (SSE streams), so that their connections can close. */
  endStreams: () => void;
  /** How long requests in flight may take before their connections are cut. */
  graceMs: number;
  /** How often connections that went idle are closed while draining (default 20 ms). */
  sweepMs?: number;
}

/**
 * Stops an HTTP server the way a clean stop needs: the listening socket closes at once (no new
 * connection), open streams are ended, every request in flight gets its answer, and each keep-alive
 * connection is closed as soon as it goes idle (a browser would otherwise hold it for its keep-alive
 * time). Past `graceMs` what is left is cut. Resolves `drained`, or `cut` when something had to be.
 */
export function drainHttpServer(server: Server, options: DrainOptions): Promise<'drained' | 'cut'> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (how: 'drained' | 'cut'): void => {
      if (settled) return;
      settled = true;
      clearInterval(sweep);
      clearTimeout(grace);
      resolve(how);
    };
    const sweep = setInterval(() => server.closeIdleConnections(), options.sweepMs ?? 20);
    const grace = setTimeout(() => {
      server.closeAllConnections();
      finish('cut');
    }, options.graceMs);
    server.close(() => finish('drained'));
    options.endStreams();
    server.closeIdleConnections();
  });
}
