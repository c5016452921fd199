/**
 * The Idempotency-Key retry loop (API.md § Conventions): every POST carries a key, and is resent under the
 * same key until an answer comes — the connection refused or reset, a 5xx (503 while the teleservice is
 * down included), a body cut short, or `409 IDEMPOTENCY_IN_PROGRESS` (the first request is still running).
 * The service answers a resent request with the first answer, so a POST is applied once however often it is
 * sent. GET, PUT and DELETE, idempotent by nature, are resent the same way; other methods are sent once.
 */
export interface RetryOptions {
  /** The methods resent (default POST, GET, PUT, DELETE). */
  methods?: string[];
  /** How long to keep resending before giving up (default 60 s). */
  patienceMs?: number;
  /** How long one attempt may take (default 10 s). */
  attemptTimeoutMs?: number;
  /** Called before each resend (counting them, logging). */
  onResend?: (attempt: number, why: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh key (RFC 4122 v4). */
export const idempotencyKey = (): string => crypto.randomUUID();

/** Wraps `fetch` with the loop; the answer's body is read whole, so a body cut short is resent too. */
export function idempotentFetch(
  options: RetryOptions = {},
  base: (input: Request) => Promise<Response> = (input) => fetch(input),
): (input: Request) => Promise<Response> {
  const patienceMs = options.patienceMs ?? 60_000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
  const methods = new Set(options.methods ?? ['POST', 'GET', 'PUT', 'DELETE']);
  return async (request: Request) => {
    const retried = methods.has(request.method);
    if (request.method === 'POST' && !request.headers.has('idempotency-key')) {
      request.headers.set('idempotency-key', idempotencyKey());
    }
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const deadline = Date.now() + patienceMs;
    for (let attempt = 0; ; attempt += 1) {
      let why: string;
      try {
        const res = await base(
          new Request(request.url, {
            method: request.method,
            headers: request.headers,
            body,
            signal: AbortSignal.timeout(attemptTimeoutMs),
          }),
        );
        const bytes = await res.arrayBuffer();
        const answer = new Response(res.status === 204 || res.status === 304 ? null : bytes, {
          status: res.status,
          statusText: res.statusText,
          headers: res.headers,
        });
        if (!retried) return answer;
        if (res.status >= 500) why = `${res.status}`;
        else if (res.status === 409 && inProgress(bytes)) why = 'IDEMPOTENCY_IN_PROGRESS';
        else return answer;
      } catch (err) {
        if (!retried) throw err;
        why = (err as Error).name === 'TimeoutError' ? 'timeout' : 'connection failed';
      }
      if (Date.now() > deadline) {
        throw new Error(`${request.method} ${request.url}: no answer in ${patienceMs} ms (last: ${why})`);
      }
      options.onResend?.(attempt + 1, why);
      await sleep(Math.min(500, 25 * 2 ** Math.min(attempt + 1, 5)));
    }
  };
}

function inProgress(bytes: ArrayBuffer): boolean {
  try {
    return (
      (JSON.parse(new TextDecoder().decode(bytes)) as { code?: string }).code === 'IDEMPOTENCY_IN_PROGRESS'
    );
  } catch {
    return false;
  }
}
