import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Observable, Subject, filter } from 'rxjs';
import type { Principal } from '../auth/principal';
import { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config.schema';
import { Pharmacies } from '../config/pharmacies';
import { APP_CONFIG } from '../config/config.tokens';
import { Database } from '../database/database';
import { Instances } from '../instances/instances.service';
import { EventRepository, EventRow } from './event.repository';
import { PgEventListener } from './pg-event-listener';

/** The event types of API.md § Devices, patient, events: the stream's, the OpenAPI's and the webhooks'. */
export const SERVER_EVENT_TYPES = [
  'scan',
  'card-inserted',
  'card-removed',
  'prescription-retrieved',
  'patient-prescriptions',
  'dispensation-updated',
  'execution-acknowledged',
  'execution-parked',
  'retrieval-failed',
] as const;
export type ServerEventType = (typeof SERVER_EVENT_TYPES)[number];

/** One Server-Sent Event as API.md describes it; `id` is unique across instances, for Last-Event-ID. */
export interface ServerEvent {
  id: number;
  type: ServerEventType;
  at: string;
  terminalId?: string;
  /** The pharmacy the event belongs to; never sent to clients. */
  pharmacyId: string;
  data: unknown;
}

/** Who may see which events (API.md § Devices, patient, events), and the terminal a client asked for. */
export interface EventAudience {
  principal: Principal;
  terminalId?: string;
}

/** At most this many events are replayed to a reconnecting client. */
export const EVENT_BACKLOG = 1000;
/** SQLite: ids jump by this much at each start, past any id given to an event not yet written at a crash. */
const RESTART_GAP = 10_000;
/** Ids of events already sent to this instance's clients, kept to drop a second copy. */
const DELIVERED_MEMORY = 5000;
/** What the back office receives: never card data, never another terminal's patients. */
const BACK_OFFICE_EVENTS = new Set<ServerEventType>(['execution-acknowledged', 'execution-parked']);

const toEvent = (row: EventRow): ServerEvent => {
  const event: ServerEvent = {
    id: Number(row.id),
    type: row.type as ServerEventType,
    at: new Date(row.at).toISOString(),
    pharmacyId: row.pharmacyId,
    data: row.data,
  };
  if (row.terminalId !== null) event.terminalId = row.terminalId;
  return event;
};

/**
 * Publishes events to SSE clients; events are rows of the `events` table (docs/data.md § Events), so a
 * client that reconnects, to this instance or another, replays what it missed from its Last-Event-ID.
 *
 * SQLite (one process): the event is numbered here and sent at once, then written with the next batch, so
 * a scan's event does not wait for a disk write. PostgreSQL: the event is written first (the database's
 * sequence numbers it, unique across instances; its commit does not wait for the disk), then sent to this
 * instance's clients, and NOTIFY carries its id to the other instances, which read it and send it to
 * theirs. Events are kept `events.retentionMinutes`.
 */
@Injectable()
export class EventsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Events');
  private readonly live = new Subject<ServerEvent>();
  /** Events published by this instance (on PostgreSQL, once written and numbered): what webhooks send. */
  private readonly produced = new Subject<ServerEvent>();
  /** Published, not written yet (on SQLite: already sent). */
  private pending: ServerEvent[] = [];
  private flushing?: Promise<void>;
  private nextId = 0;
  private readonly delivered = new Set<number>();
  private listener?: PgEventListener;
  private pruneTimer?: NodeJS.Timeout;
  private closed = false;
  private started?: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly rows: EventRepository,
    private readonly instances: Instances,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pharmacies: Pharmacies,
  ) {}

  /**
   * After the migrations, once: numbering (SQLite) or the listener for the other instances (PostgreSQL).
   * `createApp` calls it after running them; an embedding application migrating on connect, at bootstrap.
   */
  start(): Promise<void> {
    this.started ??= this.open();
    return this.started;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  private async open(): Promise<void> {
    if (this.db.engine === 'sqlite') {
      this.nextId = (await this.rows.highestId(this.db.reader)) + RESTART_GAP;
    } else {
      this.listener = new PgEventListener(this.config.database.url!, this.instances.id, {
        read: (ids) => this.rows.byIds(this.db.reader, ids),
        since: (afterId) => this.rows.since(this.db.reader, afterId, EVENT_BACKLOG),
        highest: () => this.rows.highestId(this.db.reader),
        deliver: (rows) => rows.map(toEvent).forEach((e) => this.deliver(e)),
      });
      await this.listener.start();
    }
    const everyMs = Math.min(600_000, (this.config.events.retentionMinutes * 60_000) / 4);
    this.pruneTimer = setInterval(() => void this.prune(), everyMs);
    this.pruneTimer.unref();
  }

  publish(type: ServerEventType, data: unknown, terminalId?: string, pharmacy?: string): void {
    if (this.closed) return;
    const pharmacyId = this.pharmacies.resolve(pharmacy, terminalId);
    const event: ServerEvent = { id: 0, type, at: this.clock.now().toISOString(), pharmacyId, data };
    if (terminalId !== undefined) event.terminalId = terminalId;
    if (this.db.engine === 'sqlite') {
      event.id = ++this.nextId;
      this.deliver(event);
      this.produced.next(event);
    }
    this.pending.push(event);
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
  }

  /**
   * Events after `lastEventId` the audience may see, oldest first, for a client that reconnects: the rows
   * of its pharmacy, and on SQLite those sent but not written yet.
   */
  async since(lastEventId: number, audience: EventAudience): Promise<ServerEvent[]> {
    const { pharmacyId } = audience.principal;
    const stored = (await this.rows.after(this.db.reader, pharmacyId, lastEventId, EVENT_BACKLOG)).map(
      toEvent,
    );
    const seen = new Set(stored.map((e) => e.id));
    const unwritten = this.pending.filter((e) => e.id > lastEventId && !seen.has(e.id) && e.id !== 0);
    return [...stored, ...unwritten]
      .filter((e) => e.pharmacyId === pharmacyId && visible(e, audience))
      .sort((a, b) => a.id - b.id)
      .slice(-EVENT_BACKLOG);
  }

  /** Every event this instance publishes, every pharmacy's (not those of other instances): for webhooks. */
  all(): Observable<ServerEvent> {
    return this.produced.asObservable();
  }

  stream(audience: EventAudience): Observable<ServerEvent> {
    return this.live.pipe(filter((e) => visible(e, audience)));
  }

  /** Resolves once every event published so far is written. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Ends the event streams (a clean stop begins); events published meanwhile are still written. */
  close(): void {
    this.live.complete();
  }

  /** After the stages stopped: writes what is pending and stops listening. */
  async beforeApplicationShutdown(): Promise<void> {
    this.close();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.idle();
    this.closed = true;
    await this.listener?.stop();
  }

  private deliver(event: ServerEvent): void {
    if (this.delivered.has(event.id)) return;
    this.delivered.add(event.id);
    if (this.delivered.size > DELIVERED_MEMORY) {
      this.delivered.delete(this.delivered.values().next().value as number);
    }
    this.live.next(event);
  }

  /** Writes the pending events batch after batch, in order; on PostgreSQL then sends them. */
  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice();
      try {
        const written = await this.db.transaction(async (m) => {
          await this.rows.relaxDurability(m);
          const rows = await this.rows.insert(
            m,
            batch.map((e) => ({
              ...(e.id ? { id: e.id } : {}),
              pharmacyId: e.pharmacyId,
              terminalId: e.terminalId ?? null,
              type: e.type,
              at: new Date(e.at),
              data: e.data,
            })),
          );
          await this.rows.notify(
            m,
            this.instances.id,
            rows.map((r) => r.id),
          );
          return rows;
        });
        if (this.db.engine === 'postgres') {
          for (const [i, e] of batch.entries()) {
            const numbered = { ...e, id: written[i].id };
            this.deliver(numbered);
            this.produced.next(numbered);
          }
        }
      } catch (error) {
        // An event is not a record: it is dropped (SQLite: already sent live; it only misses the replay).
        this.logger.warn(`${batch.length} event(s) not written: ${(error as Error).message}`);
      }
      this.pending.splice(0, batch.length);
    }
  }

  private async prune(): Promise<void> {
    const before = new Date(this.clock.now().getTime() - this.config.events.retentionMinutes * 60_000);
    try {
      await this.db.transaction((m) => this.rows.prune(m, before));
    } catch (error) {
      this.logger.warn(`events not pruned: ${(error as Error).message}`);
    }
  }
}

/**
 * A counter sees its own terminal's events only (the controller has already refused another terminal),
 * `lgo` every event of its pharmacy, the back office the execution events; a `terminalId` narrows further.
 */
export function visible(e: ServerEvent, { principal, terminalId }: EventAudience): boolean {
  if (e.pharmacyId !== principal.pharmacyId) return false;
  if (principal.role === 'counter' && e.terminalId !== principal.terminalId) return false;
  if (principal.role === 'back-office' && !BACK_OFFICE_EVENTS.has(e.type)) return false;
  return terminalId === undefined || e.terminalId === terminalId;
}
