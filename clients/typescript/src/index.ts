// Comptoir's typed HTTP client: the types are generated from docs/openapi.json (schema.d.ts, by
// `npm run openapi:update`), the calls go through openapi-fetch, every POST through the Idempotency-Key
// retry loop. docs/integration.md § The typed client.
import createClient, { type Client } from 'openapi-fetch';
import { readEvents, type EventsOptions, type ServerEvent } from './events';
import { idempotentFetch, type RetryOptions } from './idempotent-fetch';
import type { components, paths } from './schema';

export type { components, paths, operations } from './schema';
export type Schemas = components['schemas'];
export type { EventsOptions, RetryOptions, ServerEvent };
export { idempotencyKey, idempotentFetch } from './idempotent-fetch';
export { parseBlock, readEvents } from './events';

export interface ComptoirClientOptions {
  /** Where Comptoir answers, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** An API token (`COMPTOIR_API_TOKENS`): a terminal's, the back office's, or the LGO's. */
  token: string;
  /** The retry loop's patience and hooks; `false` sends each request once. */
  retry?: RetryOptions | false;
  /** `Accept-Language` (French by default; `en` for English messages). */
  language?: string;
  /** Another fetch (tests, proxies). */
  fetch?: (input: Request) => Promise<Response>;
}

export type ComptoirClient = Client<paths> & {
  /** The event stream of a terminal (or of the pharmacy, with an lgo token). */
  events(options?: EventsOptions): AsyncGenerator<ServerEvent>;
};

/** A client of one Comptoir for one token: `client.POST('/api/v1/scans', { body })` and so on, typed. */
export function createComptoirClient(options: ComptoirClientOptions): ComptoirClient {
  const base = options.fetch ?? ((input: Request) => fetch(input));
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    fetch: options.retry === false ? base : idempotentFetch(options.retry ?? {}, base),
    headers: {
      authorization: `Bearer ${options.token}`,
      ...(options.language ? { 'accept-language': options.language } : {}),
    },
  });
  return Object.assign(client, {
    events: (o?: EventsOptions) => readEvents(options.baseUrl, options.token, o),
  });
}
