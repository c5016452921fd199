import type { components } from './schema';

export type ServerEvent = components['schemas']['ServerEvent'] & { id: string };

export interface EventsOptions {
  /** A terminal's events (a counter token: its own; an lgo token: any of its pharmacy). */
  terminalId?: string;
  /** Resume after this event (`Last-Event-ID`): the events since are replayed first. */
  lastEventId?: string;
  signal?: AbortSignal;
}

/**
 * `GET /api/v1/events` (Server-Sent Events) as an async iterator of ServerEvent, each with its `id` (keep
 * the last one to resume). It ends when the service ends the stream (a stop, a closed session) or `signal`
 * aborts; a failed request throws.
 */
export async function* readEvents(
  baseUrl: string,
  token: string,
  options: EventsOptions = {},
  fetchImpl: typeof fetch = fetch,
): AsyncGenerator<ServerEvent> {
  const url = new URL('/api/v1/events', baseUrl);
  if (options.terminalId) url.searchParams.set('terminalId', options.terminalId);
  const res = await fetchImpl(url, {
    headers: {
      accept: 'text/event-stream',
      authorization: `Bearer ${token}`,
      ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
    },
    signal: options.signal,
  });
  if (!res.ok || !res.body) throw new Error(`GET /api/v1/events: ${res.status} ${await res.text()}`);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = parseBlock(block);
        if (event) yield event;
      }
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  }
}

/** One SSE block (`id:`, `event:`, `data:` lines; comments and `retry:` ignored). */
export function parseBlock(block: string): ServerEvent | undefined {
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('id:')) id = line.slice(3).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (id === undefined || data.length === 0) return undefined;
  return { ...(JSON.parse(data.join('\n')) as components['schemas']['ServerEvent']), id };
}
