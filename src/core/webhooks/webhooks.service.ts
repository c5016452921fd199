import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Subscription } from 'rxjs';
import { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { Database } from '../database/database';
import { CoreException } from '../errors/core.exception';
import { CORE_DETAILS } from '../errors/error-messages';
import { EventsService, ServerEvent } from '../events/events.service';
import { Leases } from '../instances/leases';
import { backoffDelay } from '../retry/backoff';
import { signatureHeader } from './signature';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity';
import { ClaimedDelivery, WebhookRepository } from './webhook.repository';

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
}

export interface DeliveryView {
  deliveryId: string;
  eventId: string;
  eventType: string;
  status: 'queued' | 'delivered';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** The owed deliveries a claim looks through for heads, and the heads claimed (and sent) at once. */
const SCAN = 200;
const CONCURRENCY = 8;
/** Claims one poll may make before waiting for the next. */
const CLAIMS_PER_POLL = 25;

/** The body a receiver gets: the event as the SSE stream gives it, with its id and the pharmacy's. */
function bodyOf(e: ServerEvent): string {
  return JSON.stringify({ id: String(e.id), type: e.type, at: e.at, terminalId: e.terminalId, data: e.data });
}

/** A prescription's events keep their order: the key is its id (else the terminal's, else none). */
function orderKeyOf(e: ServerEvent): string {
  const data = e.data as { prescriptionId?: unknown; parsed?: { prescriptionId?: unknown } } | null;
  const id = data?.prescriptionId ?? data?.parsed?.prescriptionId;
  if (typeof id === 'string') return `prescription:${id}`;
  return e.terminalId ? `terminal:${e.terminalId}` : '-';
}

/**
 * Webhooks (API.md § Devices, patient, events): each event of a pharmacy that one of its webhooks subscribes
 * to becomes a `queued` delivery row; the dispatcher POSTs it, signed, until the receiver answers 2xx,
 * with capped exponential backoff. Only the oldest undelivered row of a (webhook, prescription) is sent, so a
 * prescription's events arrive in order. Each instance claims the rows it sends (`sending`, under a lease
 * it renews while the POST runs): several instances on one database never attempt one delivery at once,
 * and a row in flight when its instance dies is sent again once the lease lapses, or at the next start on
 * SQLite (at least once: receivers dedupe on `Comptoir-Delivery-Id`).
 */
@Injectable()
export class WebhooksService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('webhooks');
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private stopped = false;
  /** Webhooks by pharmacy, read again when one is added or removed. */
  private hooks?: Map<string, WebhookEntity[]>;
  private readonly leases: Leases<ClaimedDelivery>;

  constructor(
    private readonly db: Database,
    private readonly rows: WebhookRepository,
    private readonly events: EventsService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.leases = new Leases(
      () => this.clock.now(),
      (rows, until) => this.db.transaction((m) => this.rows.renew(m, rows, until)),
      this.logger,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    // One process owns a SQLite file: a delivery left sending was cut by a stop, and goes again now.
    if (this.db.engine === 'sqlite') await this.db.transaction((m) => this.rows.release(m, this.clock.now()));
    this.leases.start();
    this.subscription = this.events.all().subscribe((e) => {
      void this.enqueue(e).catch((err: unknown) =>
        this.logger.error({ eventType: e.type, err: (err as Error).message }, 'webhook delivery not queued'),
      );
    });
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    clearTimeout(this.timer);
    await this.polling;
    await this.leases.stop();
  }

  async create(
    pharmacyId: string,
    body: { url: string; events: string[]; secret: string },
  ): Promise<WebhookView> {
    const row: WebhookEntity = {
      id: randomUUID(),
      pharmacyId,
      url: body.url,
      events: JSON.stringify([...new Set(body.events)]),
      secret: body.secret,
      createdAt: this.clock.now(),
    };
    await this.db.transaction((m) => this.rows.insert(m, row));
    this.hooks = undefined;
    return view(row);
  }

  async list(pharmacyId: string): Promise<WebhookView[]> {
    return (await this.rows.ofPharmacy(this.db.reader, pharmacyId)).map(view);
  }

  async remove(pharmacyId: string, id: string): Promise<void> {
    await this.find(pharmacyId, id);
    await this.db.transaction((m) => this.rows.remove(m, id));
    this.hooks = undefined;
  }

  /** The delivery log of a webhook, newest first (the last 200). */
  async log(pharmacyId: string, id: string): Promise<DeliveryView[]> {
    await this.find(pharmacyId, id);
    const rows = await this.rows.log(this.db.reader, id, 200);
    return rows.map((r) => ({
      deliveryId: r.id,
      eventId: r.eventId,
      eventType: r.eventType,
      status: r.status === 'delivered' ? 'delivered' : 'queued',
      attempts: r.attempts,
      lastStatus: r.lastStatus,
      lastError: r.lastError,
      nextAttemptAt: r.status !== 'delivered' ? new Date(r.nextAttemptAt).toISOString() : null,
      deliveredAt: r.deliveredAt ? new Date(r.deliveredAt).toISOString() : null,
      createdAt: new Date(r.createdAt).toISOString(),
    }));
  }

  private async find(pharmacyId: string, id: string): Promise<WebhookEntity> {
    const row = await this.rows.find(this.db.reader, id);
    // Another pharmacy's webhook does not exist for this caller.
    if (!row || row.pharmacyId !== pharmacyId)
      throw new CoreException('NOT_FOUND', CORE_DETAILS.NOT_FOUND.webhook({ id }));
    return row;
  }

  private async enqueue(e: ServerEvent): Promise<void> {
    const hooks = (await this.hooksOf(e.pharmacyId)).filter((h) =>
      (JSON.parse(h.events) as string[]).includes(e.type),
    );
    if (hooks.length === 0) return;
    const now = this.clock.now();
    const body = bodyOf(e);
    const rows = hooks.map((h) => ({
      id: randomUUID(),
      webhookId: h.id,
      pharmacyId: e.pharmacyId,
      eventId: String(e.id),
      eventType: e.type,
      orderKey: orderKeyOf(e),
      body,
      status: 'queued' as const,
      attempts: 0,
      nextAttemptAt: now,
      lastStatus: null,
      lastError: null,
      deliveredAt: null,
      createdAt: now,
    }));
    await this.db.transaction((m) => this.rows.enqueue(m, rows));
  }

  private async hooksOf(pharmacyId: string): Promise<WebhookEntity[]> {
    if (!this.hooks) {
      this.hooks = new Map();
      for (const h of await this.rows.all(this.db.reader)) {
        this.hooks.set(h.pharmacyId, [...(this.hooks.get(h.pharmacyId) ?? []), h]);
      }
    }
    return this.hooks.get(pharmacyId) ?? [];
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll()
        .catch((err: unknown) => this.logger.error({ err: (err as Error).message }, 'webhook poll failed'))
        .finally(() => this.schedule());
    }, this.config.webhooks.pollMs);
  }

  /** One pass: the due heads of the (webhook, prescription) queues, claimed and attempted a few at a time. */
  async poll(): Promise<void> {
    for (let i = 0; i < CLAIMS_PER_POLL && !this.stopped; i += 1) {
      if (!(await this.rows.anyDue(this.db.reader, this.clock.now()))) return;
      const claimed = await this.db.transaction((m) =>
        this.rows.claimDue(m, {
          now: this.clock.now(),
          limit: CONCURRENCY,
          scan: SCAN,
          leaseUntil: this.leases.until(),
        }),
      );
      if (claimed.length === 0) return;
      const hooks = new Map(
        (await this.rows.byIds(this.db.reader, [...new Set(claimed.map((d) => d.webhookId))])).map((h) => [
          h.id,
          h,
        ]),
      );
      await Promise.all(
        claimed.map((d) =>
          this.leases.holding(String(d.seq), d, () => this.attempt(d, hooks.get(d.webhookId))),
        ),
      );
    }
  }

  private async attempt(d: WebhookDeliveryEntity, hook: WebhookEntity | undefined): Promise<void> {
    if (!hook) return;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': `Comptoir-Webhooks/${this.config.software.version}`,
          'comptoir-signature': signatureHeader(
            hook.secret,
            d.body,
            Math.floor(this.clock.now().getTime() / 1000),
          ),
          'comptoir-event-id': d.eventId,
          'comptoir-event-type': d.eventType,
          'comptoir-delivery-id': d.id,
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhooks.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? 'timed out' : 'connection failed';
    }
    const attempts = d.attempts;
    const now = this.clock.now();
    if (!error) {
      await this.db.transaction((m) => this.rows.delivered(m, d, status, now));
      return;
    }
    const { min, max } = this.config.webhooks.backoffMs;
    const delay = backoffDelay(attempts - 1, { initialDelayMs: min, maxDelayMs: max, factor: 2 });
    const next = new Date(now.getTime() + delay);
    await this.db.transaction((m) => this.rows.failed(m, d, status, error, next));
    this.logger.warn(
      { webhookId: d.webhookId, deliveryId: d.id, attempts, error },
      'webhook delivery failed',
    );
  }
}

function view(row: WebhookEntity): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
