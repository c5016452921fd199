import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

export interface DrainOptions {
  /** Ends the responses that never end by themselves (SSE streams), so that their connections can close. */
  endStreams: () => void;
  /** How long requests in flight may take before their connections are cut. */
  graceMs: number;
  /** How often connections that went idle are closed while draining (default 20 ms). */
  sweepMs?: number;
  /** How long a connection accepted before the stop may take to send its request (default 1 s). */
  freshMs?: number;
  /** The listening socket closes once no connection has come for this long (default 20 ms)... */
  settleMs?: number;
  /** ...or after this long at most (default 200 ms). */
  settleMaxMs?: number;
}

interface Connection {
  acceptedAt: number;
  served: number;
  inFlight: number;
}

/**
 * Stops an HTTP server the way a clean stop needs: the listening socket closes at once (no new
 * connection), open streams are ended, every request in flight gets its answer, and each keep-alive
 * connection is closed as soon as it goes idle (a browser would otherwise hold it for its keep-alive
 * time). A connection accepted just before the stop whose request has not arrived yet is not idle: it
 * gets `freshMs` to send it (Node's own `server.close()` would reset it), and the listening socket closes
 * once the connections already waiting in its backlog are accepted. Past `graceMs` what is left is
 * cut. Install it when the server starts, since connections cannot be listed afterwards.
 */
export function httpDrainer(server: Server): { drain(options: DrainOptions): Promise<'drained' | 'cut'> } {
  const connections = new Map<Socket, Connection>();
  let draining = false;
  let lastConnectionAt = 0;
  server.prependListener('connection', (socket: Socket) => {
    lastConnectionAt = Date.now();
    connections.set(socket, { acceptedAt: lastConnectionAt, served: 0, inFlight: 0 });
    socket.once('close', () => connections.delete(socket));
  });
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const c = connections.get(req.socket);
    if (!c) return;
    c.inFlight++;
    if (draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      c.inFlight--;
      c.served++;
    });
  });

  const closeIdle = (freshMs: number): void => {
    const now = Date.now();
    for (const [socket, c] of connections) {
      if (c.inFlight === 0 && (c.served > 0 || now - c.acceptedAt >= freshMs)) socket.destroy();
    }
  };

  // Connections the kernel completed before the stop wait in the listen backlog until Node accepts them
  // (in the poll phase); closing the listening socket then would reset them. So it closes from a
  // setImmediate, right after a poll phase that accepted nothing new (timers → poll → check), once the
  // stream of connections has paused for `settleMs` (or `maxMs` has passed).
  const backlogSettled = (settleMs: number, maxMs: number): Promise<void> =>
    new Promise((resolve) => {
      const start = Date.now();
      const check = (): void => {
        const before = lastConnectionAt;
        setImmediate(() => {
          const now = Date.now();
          const quiet = lastConnectionAt === before && now - lastConnectionAt >= settleMs;
          if (quiet || now - start >= maxMs) resolve();
          else setTimeout(check, Math.min(settleMs, 10));
        });
      };
      // From a timer, so that a poll phase runs between the first look and the close.
      setTimeout(check, 0);
    });

  return {
    async drain(options) {
      draining = true;
      const freshMs = options.freshMs ?? 1000;
      options.endStreams();
      await backlogSettled(options.settleMs ?? 20, options.settleMaxMs ?? 200);
      return new Promise((resolve) => {
        let done = false;
        const finish = (how: 'drained' | 'cut'): void => {
          if (done) return;
          done = true;
          clearInterval(sweep);
          clearTimeout(grace);
          resolve(how);
        };
        const sweep = setInterval(() => closeIdle(freshMs), options.sweepMs ?? 20);
        const grace = setTimeout(() => {
          for (const socket of connections.keys()) socket.destroy();
          finish('cut');
        }, options.graceMs);
        // net.Server's close, not http.Server's: the latter also resets connections whose request has not
        // been read yet.
        NetServer.prototype.close.call(server, () => finish('drained'));
        closeIdle(freshMs);
      });
    },
  };
}
