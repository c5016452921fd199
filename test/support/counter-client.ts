import { createComptoirClient, idempotencyKey, type ComptoirClient } from '../../clients/typescript/src';
import { until } from './until';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface Validated {
  dispensationId: string;
  executionId: string;
  sequence: number;
}

interface PackView {
  packId: string;
  serial?: string;
}

/** The client's untyped door, for paths the caller builds itself (`call`, `act`). */
type AnyRequest = (
  method: string,
  url: string,
  init?: object,
) => Promise<{ response: Response; data?: unknown; error?: unknown }>;

/**
 * A counter terminal driven over the public HTTP API the way an LGO drives it, through Comptoir's typed client
 * (clients/typescript) against a service that may be killed at any moment: every POST carries an
 * Idempotency-Key, and every request is resent (under the same key) until an answer comes — connection
 * refused or reset, 5xx, 503 while the teleservice is down, 409 IDEMPOTENCY_IN_PROGRESS (the client's loop).
 * Given several instances' URLs, each request goes to one of them at random.
 */
export class CounterClient {
  /** Requests resent after a connection failure or a 5xx, for the report. */
  resent = 0;
  /** Duplicate packs removed (a pack scan run twice because its answer was lost in a kill). */
  duplicatesRemoved = 0;
  private readonly clients: ComptoirClient[];

  /** The typed client this counter drives Comptoir with (one instance's, at random, for each request). */
  get client(): ComptoirClient {
    return this.clients[Math.floor(Math.random() * this.clients.length)];
  }

  constructor(
    url: string | string[],
    token: string,
    readonly id: string,
    private readonly patienceMs = 120_000,
  ) {
    this.clients = (Array.isArray(url) ? url : [url]).map((baseUrl) =>
      createComptoirClient({
        baseUrl,
        token,
        retry: {
          patienceMs,
          methods: ['POST', 'GET', 'PUT', 'DELETE', 'PATCH'],
          onResend: () => (this.resent += 1),
        },
      }),
    );
  }

  /** Any call, its path built by the caller: the answer's status and JSON body (`{}` when empty). */
  async call(
    method: string,
    path: string,
    body?: unknown,
    key = idempotencyKey(),
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const { response, data, error } = await (this.client.request as unknown as AnyRequest)(
      method.toLowerCase(),
      path,
      {
        ...(body === undefined ? {} : { body }),
        headers: { ...(method === 'POST' ? { 'idempotency-key': key } : {}), ...headers },
        parseAs: 'text',
      },
    );
    // The answer's text (parseAs), or for an error the body openapi-fetch already parsed.
    const raw = data ?? error;
    const parsed = typeof raw === 'string' ? (raw ? (JSON.parse(raw) as unknown) : {}) : (raw ?? {});
    return { status: response.status, body: parsed as Record<string, unknown> };
  }

  /** Sets the person at this terminal: a counter token gives their personal code, an lgo token none. */
  async setOperator(rpps: string, code?: string, terminalId = this.id): Promise<Answer> {
    const { response, data, error } = await this.client.PUT('/api/v1/terminals/{id}/operator', {
      params: { path: { id: terminalId } },
      body: code === undefined ? { rpps } : { rpps, code },
    });
    return answer(response, data ?? error);
  }

  /** Adds or replaces a person of the staff registry (an lgo or back-office token). */
  async putStaff(
    rpps: string,
    person: { lastName: string; firstName: string; role: 'pharmacien' | 'preparateur'; code?: string },
  ): Promise<Answer> {
    const { response, data, error } = await this.client.PUT('/api/v1/staff/{rpps}', {
      params: { path: { rpps } },
      body: person,
    });
    return answer(response, data ?? error);
  }

  /**
   * One dispensation: the prescription's QR scanned (opening or resuming its dispensation), the packs added,
   * then validation. Returns what validation answered: the execution and its sequence.
   */
  async dispense(qr: string, packs: string[]): Promise<Validated> {
    const dispensationId = await this.open(qr);
    for (const scan of packs) await this.addPack(dispensationId, { scan });
    for (let tries = 0; tries < 5; tries += 1) {
      const { data, error, response } = await this.client.POST('/api/v1/dispensations/{id}/validate', {
        params: { path: { id: dispensationId } },
      });
      if (data) return { dispensationId, executionId: data.executionId, sequence: data.sequence };
      if (response.status !== 409 || !(await this.removeDuplicatePacks(dispensationId))) {
        throw new Error(`validate: ${response.status} ${JSON.stringify(error)}`);
      }
    }
    throw new Error(`validate of ${dispensationId}: still refused after removing duplicates`);
  }

  /** Waits until an outbox call is in `status` (read over the API, through kills); its view. */
  async executionIn(executionId: string, status: string): Promise<Record<string, unknown>> {
    let last: Answer | undefined;
    await until(
      async () => {
        last = await this.call('GET', `/api/v1/executions/${executionId}`);
        return last.status === 200 && last.body.status === status;
      },
      {
        what: `execution ${executionId} ${status}`,
        timeoutMs: this.patienceMs,
        everyMs: 50,
        detail: () => JSON.stringify(last?.body),
      },
    );
    return last!.body;
  }

  /**
   * Cancels an execution once the teleservice acknowledged it (API.md: by the next number, `cancels: N`),
   * under one Idempotency-Key however often the request must be resent, and waits for the cancellation's own
   * acknowledgement. Returns the cancellation's sequence.
   */
  async cancelAcknowledged(executionId: string, reason: string): Promise<number> {
    await this.executionIn(executionId, 'acknowledged');
    const answer = await this.call('POST', `/api/v1/executions/${executionId}/cancel`, { reason });
    if (answer.status !== 200) throw new Error(`cancel: ${answer.status} ${JSON.stringify(answer.body)}`);
    const cancellation = await this.executionIn(answer.body.cancellation as string, 'acknowledged');
    return cancellation.sequence as number;
  }

  /** Scans the QR until the prescription is retrieved (the teleservice may be failing) and a session opens. */
  async open(qr: string): Promise<string> {
    let last: unknown;
    // Retrieval unavailable: scan again, as the pharmacist would.
    return until(
      async () => {
        const { data, error, response } = await this.client.POST('/api/v1/scans', {
          body: { data: qr, terminalId: this.id },
        });
        last = data ?? error;
        if (!data) throw new Error(`QR scan: ${response.status} ${JSON.stringify(error)}`);
        // Degraded mode opens a session without the teleservice: this driver waits for the prescription.
        return data.retrieval?.status === 'retrieved' ? data.sessionId : undefined;
      },
      {
        what: 'QR scan retrieving its prescription',
        timeoutMs: this.patienceMs,
        everyMs: 100,
        detail: () => `last answer ${JSON.stringify(last)}`,
      },
    );
  }

  /** The dispensation as the terminal sees it; `language` sets Accept-Language (the pages send `fr`). */
  async dispensation(id: string, language?: string): Promise<Record<string, unknown>> {
    const { data, error, response } = await this.client.GET('/api/v1/dispensations/{id}', {
      params: { path: { id } },
      headers: language ? { 'accept-language': language } : {},
    });
    if (!data) throw new Error(`dispensation: ${response.status} ${JSON.stringify(error)}`);
    return data as unknown as Record<string, unknown>;
  }

  /** `POST …/packs` (a scan, a CIP13 or a code; `quantity`, `units` of a cut box, `lineId`): the updated view. */
  async addPack(id: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { data, error, response } = await this.client.POST('/api/v1/dispensations/{id}/packs', {
      params: { path: { id } },
      body,
    });
    if (!data) throw new Error(`pack: ${response.status} ${JSON.stringify(error)}`);
    return data as unknown as Record<string, unknown>;
  }

  /** An act or an override on the dispensation (`lines/2/renewal`, `issues/CODE/override`…): the answer as is. */
  act(id: string, path: string, body: object, method = 'POST'): Promise<Answer> {
    return this.call(method, `/api/v1/dispensations/${id}/${path}`, body);
  }

  /** One validation call (no retry on a refusal): the answer as is, with `language` as Accept-Language. */
  async validateOnce(id: string, language?: string): Promise<Answer> {
    const { response, data, error } = await this.client.POST('/api/v1/dispensations/{id}/validate', {
      params: { path: { id } },
      headers: language ? { 'accept-language': language } : {},
    });
    return answer(response, data ?? error);
  }

  /** A pack scan resent after a kill may have been recorded twice: what the pharmacist removes on screen. */
  private async removeDuplicatePacks(dispensationId: string): Promise<boolean> {
    const view = await this.dispensation(dispensationId);
    const lines = (view.lines ?? []) as { packs: PackView[] }[];
    const packs = [...lines.flatMap((l) => l.packs), ...((view.unassignedPacks ?? []) as PackView[])];
    const seen = new Set<string>();
    let removed = false;
    for (const p of packs) {
      if (!p.serial) continue;
      if (!seen.has(p.serial)) {
        seen.add(p.serial);
        continue;
      }
      const del = await this.client.DELETE('/api/v1/dispensations/{id}/packs/{packId}', {
        params: { path: { id: dispensationId, packId: p.packId } },
      });
      if (del.response.status >= 400 && del.response.status !== 404)
        throw new Error(`remove pack: ${del.response.status}`);
      this.duplicatesRemoved += 1;
      removed = true;
    }
    return removed;
  }
}

const answer = (response: Response, body: unknown): Answer => ({
  status: response.status,
  body: (body ?? {}) as Record<string, unknown>,
});
