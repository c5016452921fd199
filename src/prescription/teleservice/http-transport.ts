import http from 'node:http';
import https from 'node:https';

export interface HttpResponse {
  status: number;
  contentType: string;
  body: string;
}

export type TransportFailure = 'timeout' | 'connection' | 'too-large';

/** Nothing usable came back: no connection, a dropped one, no answer in time, or an oversized one. */
export class TransportError extends Error {
  override name = 'TransportError';

  constructor(
    readonly failure: TransportFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface HttpTransportOptions {
  /** Extra CA (PEM) trusted for https, e.g. the test CA. */
  caPem?: string;
  maxResponseBytes?: number;
}

/** Minimal keep-alive HTTP(S) client with a hard deadline covering connect, send and the whole answer. */
export class HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly httpsAgent: https.Agent;
  private readonly maxBytes: number;

  constructor(options: HttpTransportOptions = {}) {
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: options.caPem });
    this.maxBytes = options.maxResponseBytes ?? 10 * 1024 * 1024;
  }

  request(
    method: 'GET' | 'POST',
    url: string,
    timeoutMs: number,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const lib = secure ? https : http;
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, response?: HttpResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(response!);
      };
      const req = lib.request(
        target,
        {
          method,
          agent: secure ? this.httpsAgent : this.httpAgent,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > this.maxBytes) {
              req.destroy(new TransportError('too-large', `response larger than ${this.maxBytes} bytes`));
            } else chunks.push(chunk);
          });
          res.on('end', () =>
            finish(undefined, {
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', (error) => finish(asTransportError(error)));
          res.on('close', () => {
            if (!res.complete) finish(new TransportError('connection', 'connection closed mid-response'));
          });
        },
      );
      const timer = setTimeout(() => {
        const error = new TransportError('timeout', `no complete answer within ${timeoutMs} ms`);
        finish(error);
        req.destroy(error);
      }, timeoutMs);
      req.on('error', (error) => finish(asTransportError(error)));
      req.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function asTransportError(error: Error): TransportError {
  if (error instanceof TransportError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new TransportError('connection', `${code || error.name}: ${error.message}`, { cause: error });
}
