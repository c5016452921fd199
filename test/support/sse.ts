import http from 'node:http';

export interface SseEvent {
  id?: string;
  event?: string;
  data: unknown;
}

/** A minimal EventSource over node:http for tests and benchmarks: collects events, resolves waits. */
export class SseClient {
  readonly events: SseEvent[] = [];
  private req?: http.ClientRequest;
  private waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  private buffer = '';
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

  open(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.req = http.get(this.url, { headers: { Accept: 'text/event-stream', ...this.headers } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.feed(chunk));
        res.on('end', () => this.end());
        res.on('close', () => this.end());
        resolve(res.statusCode ?? 0);
      });
      this.req.on('error', reject);
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
    this.req?.destroy();
    this.end();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let at: number;
    while ((at = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + 2);
      const e: SseEvent = { data: undefined };
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) e.id = line.slice(4);
        else if (line.startsWith('event: ')) e.event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (!data) continue;
      e.data = JSON.parse(data);
      this.events.push(e);
      this.onEvent?.(e);
      this.waiters = this.waiters.filter((w) => (w.pred(e) ? (w.resolve(e), false) : true));
    }
  }
}
