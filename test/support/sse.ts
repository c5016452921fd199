import { readEvents } from '../../clients/typescript/src';

export interface SseEvent {
  id?: string;
  event?: string;
  data: unknown;
}

/**
 * A stream of `GET /api/v1/events` for tests and benchmarks, read by the typed client's SSE reader
 * (clients/typescript `readEvents`): collects events, resolves waits. `headers` is the request's
 * authentication (a bearer token, or a session cookie) and any other header (Last-Event-ID).
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  private readonly abort = new AbortController();
  private waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  /** Called on every event as it arrives (benchmarks time it). */
  onEvent?: (e: SseEvent) => void;
  /** Settles when the server ends the stream (or it is closed here). */
  readonly ended: Promise<void>;
  private end!: () => void;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {
    this.ended = new Promise((resolve) => (this.end = resolve));
  }

  /** Opens the stream; resolves with the answer's status (200, or the refusal's). */
  open(): Promise<number> {
    const url = new URL(this.url);
    const given = Object.fromEntries(Object.entries(this.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const token = /^Bearer (.+)$/.exec(given.authorization ?? '')?.[1] ?? '';
    delete given.authorization;
    return new Promise((resolve, reject) => {
      let answered = false;
      const fetchWith = (async (input: URL, init: RequestInit) => {
        const headers: Record<string, string> = { ...(init.headers as Record<string, string>), ...given };
        if (!token) delete headers.authorization;
        const res = await fetch(input, { ...init, headers });
        answered = true;
        resolve(res.status);
        return res;
      }) as typeof fetch;
      const read = async () => {
        const options = {
          terminalId: url.searchParams.get('terminalId') ?? undefined,
          signal: this.abort.signal,
        };
        for await (const { id, ...data } of readEvents(url.origin, token, options, fetchWith)) {
          this.push({ id, event: data.type, data });
        }
      };
      read()
        // A refusal (its status resolved above) or a stream cut by the server or close().
        .catch((err: unknown) => (answered ? undefined : reject(err)))
        .finally(() => this.end());
    });
  }

  waitFor(pred: (e: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> {
    const found = this.events.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('SSE event not received in time')), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  close(): void {
    this.abort.abort();
    this.end();
  }

  private push(e: SseEvent): void {
    this.events.push(e);
    this.onEvent?.(e);
    this.waiters = this.waiters.filter((w) => (w.pred(e) ? (w.resolve(e), false) : true));
  }
}
