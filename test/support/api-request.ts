import { isDeepStrictEqual } from 'node:util';
import { createComptoirClient } from '../../clients/typescript/src';

/** An answer as the e2e specs read it: status, parsed body (JSON, or the bytes of a file), text, headers. */
export interface ApiResponse {
  status: number;
  /** JSON parsed (problem+json included); the bytes for a PDF, an image or a CSV; `{}` when empty. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
  /** Lower-case names; `set-cookie` is the list of cookies. */
  headers: Record<string, string | string[]>;
  /** The media type, without its parameters. */
  type: string;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One call being built: `.set()`, `.send()`, `.query()`, `.field()`, `.attach()`, `.expect(status)`, then awaited. */
export class ApiCall implements PromiseLike<ApiResponse> {
  private readonly headers: Record<string, string> = {};
  private body: unknown;
  private form?: FormData;
  private readonly search = new URLSearchParams();
  private readonly checks: ((r: ApiResponse) => void)[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly method: Method,
    private readonly path: string,
  ) {}

  set(name: string | Record<string, string>, value?: string): this {
    const pairs = typeof name === 'string' ? { [name]: value ?? '' } : name;
    for (const [k, v] of Object.entries(pairs)) this.headers[k.toLowerCase()] = v;
    return this;
  }

  send(body: unknown): this {
    this.body = body;
    return this;
  }

  query(params: Record<string, string | number | boolean>): this {
    for (const [k, v] of Object.entries(params)) this.search.append(k, String(v));
    return this;
  }

  /** A multipart text field. */
  field(name: string, value: string): this {
    (this.form ??= new FormData()).append(name, value);
    return this;
  }

  /** A multipart file. */
  attach(name: string, bytes: Buffer, file: string | { filename: string; contentType?: string }): this {
    const { filename, contentType } =
      typeof file === 'string' ? { filename: file, contentType: undefined } : file;
    const blob = new Blob([new Uint8Array(bytes)], contentType ? { type: contentType } : {});
    (this.form ??= new FormData()).append(name, blob, filename);
    return this;
  }

  /** The status the answer must have, and its body when given. */
  expect(status: number, body?: unknown): this {
    this.checks.push((r) => {
      if (r.status !== status || (body !== undefined && !isDeepStrictEqual(r.body, body))) {
        throw new Error(
          `${this.method.toUpperCase()} ${this.path}: expected ${status}${body === undefined ? '' : ` ${JSON.stringify(body)}`}, got ${r.status} ${r.text.slice(0, 500)}`,
        );
      }
    });
    return this;
  }

  then<T = ApiResponse, E = never>(
    onfulfilled?: ((value: ApiResponse) => T | PromiseLike<T>) | null,
    onrejected?: ((reason: unknown) => E | PromiseLike<E>) | null,
  ): Promise<T | E> {
    return this.run().then(onfulfilled, onrejected);
  }

  /**
   * Through Comptoir's typed client (clients/typescript: openapi-fetch, sent once: a spec reads the first
   * answer, 5xx and 409 included). The Authorization header is the spec's own, or none.
   */
  private async run(): Promise<ApiResponse> {
    let raw: Response | undefined;
    const client = createComptoirClient({
      baseUrl: this.baseUrl,
      token: '',
      retry: false,
      fetch: async (request) => {
        raw = await fetch(request);
        return raw.clone();
      },
    });
    const headers: Record<string, string | null> = { authorization: null, ...this.headers };
    const raw_ = typeof this.body === 'string' || Buffer.isBuffer(this.body);
    if (raw_ && !this.headers['content-type']) {
      // As supertest sends them: a string as a form, bytes as a stream.
      headers['content-type'] =
        typeof this.body === 'string' ? 'application/x-www-form-urlencoded' : 'application/octet-stream';
    }
    const body = this.form ?? (Buffer.isBuffer(this.body) ? new Uint8Array(this.body) : this.body);
    const search = this.search.toString();
    const request = this.client(client);
    await request(this.method, search ? `${this.path}?${search}` : this.path, {
      headers,
      ...(body === undefined ? {} : { body }),
      ...(raw_ || this.form ? { bodySerializer: (b: unknown) => b } : {}),
      parseAs: 'stream',
      redirect: 'manual',
    });
    const answer = await toResponse(raw!);
    for (const check of this.checks) check(answer);
    return answer;
  }

  private client(client: ReturnType<typeof createComptoirClient>) {
    // The client's untyped door: the specs build their own paths (and send what the contract refuses).
    return client.request as unknown as (
      method: string,
      url: string,
      init: Record<string, unknown>,
    ) => Promise<{ response: Response }>;
  }
}

async function toResponse(res: Response): Promise<ApiResponse> {
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  const headers: Record<string, string | string[]> = {};
  res.headers.forEach((value, name) => (headers[name] = value));
  const cookies = res.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  let body: unknown = {};
  if (/[/+]json$/.test(type) && text) body = JSON.parse(text);
  else if (bytes.length && type && !type.startsWith('text/')) body = bytes;
  return { status: res.status, body, text, headers, type };
}

/**
 * A Comptoir at `baseUrl`, called the way supertest's `request(url)` is (`comptoir(t.url).post(path).set(…).send(…)`)
 * but through the typed client, so every call of the e2e tier goes through clients/typescript.
 */
export const comptoir = (baseUrl: string) => ({
  get: (path: string) => new ApiCall(baseUrl, 'get', path),
  post: (path: string) => new ApiCall(baseUrl, 'post', path),
  put: (path: string) => new ApiCall(baseUrl, 'put', path),
  patch: (path: string) => new ApiCall(baseUrl, 'patch', path),
  delete: (path: string) => new ApiCall(baseUrl, 'delete', path),
});
