import { randomUUID } from 'node:crypto';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A counter terminal driven over the public HTTP API the way an LGO drives it, through a service that may
 * be killed at any moment: every POST carries an Idempotency-Key and is resent under the same key until an
 * answer comes (connection refused or reset, 5xx, 503 while the teleservice is down, 409 IDEMPOTENCY_IN_PROGRESS).
 * Given several instances' URLs, each request goes to one of them at random and a resend to the next one.
 */
export class CounterClient {
  /** Requests resent after a connection failure or a 5xx, for the report. */
  resent = 0;
  /** Duplicate packs removed (a pack scan run twice because its answer was lost in a kill). */
  duplicatesRemoved = 0;

  private readonly urls: string[];

  constructor(
    url: string | string[],
    private readonly token: string,
    readonly id: string,
    private readonly patienceMs = 120_000,
  ) {
    this.urls = Array.isArray(url) ? url : [url];
  }

  async call(
    method: string,
    path: string,
    body?: unknown,
    key = randomUUID(),
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const deadline = Date.now() + this.patienceMs;
    const first = Math.floor(Math.random() * this.urls.length);
    for (let attempt = 0; ; attempt += 1) {
      const url = this.urls[(first + attempt) % this.urls.length];
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer in ${this.patienceMs} ms`);
      if (attempt > 0) {
        this.resent += 1;
        await sleep(Math.min(500, 25 * 2 ** Math.min(attempt, 5)));
      }
      let res: Response;
      try {
        res = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(method === 'POST' ? { 'idempotency-key': key } : {}),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
      } catch {
        continue; // refused or reset: the service is down or was killed mid-request
      }
      const text = await res.text().catch(() => undefined);
      if (text === undefined) continue; // the body was cut by a kill
      const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      if (res.status >= 500 || parsed.code === 'IDEMPOTENCY_IN_PROGRESS') continue;
      return { status: res.status, body: parsed };
    }
  }

  /** Sets the person at this terminal: a counter token gives their personal code, an lgo token none. */
  setOperator(rpps: string, code?: string, terminalId = this.id): Promise<Answer> {
    return this.call(
      'PUT',
      `/api/v1/terminals/${terminalId}/operator`,
      code === undefined ? { rpps } : { rpps, code },
    );
  }

  /** Adds or replaces a person of the staff registry (an lgo or back-office token). */
  putStaff(
    rpps: string,
    person: { lastName: string; firstName: string; role: 'pharmacien' | 'preparateur'; code?: string },
  ): Promise<Answer> {
    return this.call('PUT', `/api/v1/staff/${rpps}`, person);
  }

  /**
   * One dispensation: the prescription's QR scanned (opening or resuming its dispensation), the packs added,
   * then validation. Returns what validation answered: the execution and its sequence.
   */
  async dispense(qr: string, packs: string[]): Promise<Validated> {
    const dispensationId = await this.open(qr);
    for (const scan of packs) {
      const added = await this.call('POST', `/api/v1/dispensations/${dispensationId}/packs`, { scan });
      if (added.status !== 201) throw new Error(`pack: ${added.status} ${JSON.stringify(added.body)}`);
    }
    for (let tries = 0; tries < 5; tries += 1) {
      const v = await this.call('POST', `/api/v1/dispensations/${dispensationId}/validate`, {});
      if (v.status === 200) {
        return {
          dispensationId,
          executionId: v.body.executionId as string,
          sequence: v.body.sequence as number,
        };
      }
      if (v.status !== 409 || !(await this.removeDuplicatePacks(dispensationId))) {
        throw new Error(`validate: ${v.status} ${JSON.stringify(v.body)}`);
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
    let last: Answer | undefined;
    // Retrieval unavailable: scan again, as the pharmacist would.
    return until(
      async () => {
        last = await this.call('POST', '/api/v1/scans', { data: qr, terminalId: this.id });
        if (last.status !== 201) throw new Error(`QR scan: ${last.status} ${JSON.stringify(last.body)}`);
        // Degraded mode opens a session without the teleservice: this driver waits for the prescription.
        const retrieved = (last.body.retrieval as { status?: string } | undefined)?.status === 'retrieved';
        return retrieved && typeof last.body.sessionId === 'string' ? last.body.sessionId : undefined;
      },
      {
        what: 'QR scan retrieving its prescription',
        timeoutMs: this.patienceMs,
        everyMs: 100,
        detail: () => `last answer ${JSON.stringify(last?.body)}`,
      },
    );
  }

  /** The dispensation as the terminal sees it; `language` sets Accept-Language (the pages send `fr`). */
  async dispensation(id: string, language?: string): Promise<Record<string, unknown>> {
    const answer = await this.call('GET', `/api/v1/dispensations/${id}`, undefined, undefined, {
      ...(language ? { 'accept-language': language } : {}),
    });
    if (answer.status !== 200)
      throw new Error(`dispensation: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** `POST …/packs` (a scan, a CIP13 or a code; `quantity`, `units` of a cut box, `lineId`): the updated view. */
  async addPack(id: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const answer = await this.call('POST', `/api/v1/dispensations/${id}/packs`, body);
    if (answer.status !== 201) throw new Error(`pack: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** An act or an override on the dispensation (`lines/2/renewal`, `issues/CODE/override`…): the answer as is. */
  act(id: string, path: string, body: object, method = 'POST'): Promise<Answer> {
    return this.call(method, `/api/v1/dispensations/${id}/${path}`, body);
  }

  /** One validation call (no retry on a refusal): the answer as is, with `language` as Accept-Language. */
  validateOnce(id: string, language?: string): Promise<Answer> {
    return this.call('POST', `/api/v1/dispensations/${id}/validate`, {}, undefined, {
      ...(language ? { 'accept-language': language } : {}),
    });
  }

  /** A pack scan resent after a kill may have been recorded twice: what the pharmacist removes on screen. */
  private async removeDuplicatePacks(dispensationId: string): Promise<boolean> {
    const view = await this.call('GET', `/api/v1/dispensations/${dispensationId}`);
    const lines = (view.body.lines ?? []) as { packs: PackView[] }[];
    const packs = [...lines.flatMap((l) => l.packs), ...((view.body.packs ?? []) as PackView[])];
    const seen = new Set<string>();
    let removed = false;
    for (const p of packs) {
      if (!p.serial) continue;
      if (!seen.has(p.serial)) {
        seen.add(p.serial);
        continue;
      }
      const del = await this.call('DELETE', `/api/v1/dispensations/${dispensationId}/packs/${p.packId}`);
      if (del.status >= 400 && del.status !== 404) throw new Error(`remove pack: ${del.status}`);
      this.duplicatesRemoved += 1;
      removed = true;
    }
    return removed;
  }
}
