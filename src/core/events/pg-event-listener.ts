import { Logger } from '@nestjs/common';
import pg from 'pg';
import { EVENTS_CHANNEL, EventRow } from './event.repository';

export interface ListenerSink {
  /** Reads events by id (committed: NOTIFY is delivered after the commit). */
  read(ids: number[]): Promise<EventRow[]>;
  /** Events after an id, every pharmacy: what was missed while the listener was down. */
  since(afterId: number): Promise<EventRow[]>;
  /** The highest event id now (where a catch-up would start). */
  highest(): Promise<number>;
  deliver(rows: EventRow[]): void;
}

const RECONNECT_MS = [100, 500, 2000, 5000];

/**
 * LISTEN comptoir_events on a connection of its own (PostgreSQL): another instance's NOTIFY carries the ids
 * of the events it wrote (`<instance>|<id>,<id>…`); they are read and handed to this instance's clients, in
 * the order they arrive (commit order). Notifications are lost while the connection is down: after a
 * reconnection the events written since the last one seen are read instead.
 */
export class PgEventListener {
  private readonly logger = new Logger('Events');
  private client?: pg.Client;
  private lastSeen = 0;
  private stopped = false;
  private chain: Promise<void> = Promise.resolve();
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly instanceId: string,
    private readonly sink: ListenerSink,
  ) {}

  async start(): Promise<void> {
    this.lastSeen = await this.sink.highest();
    await this.connect(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.chain;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(attempt: number): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'comptoir-events' });
    client.on('notification', (n) => {
      if (n.channel === EVENTS_CHANNEL && n.payload) this.queue(() => this.onNotify(n.payload!));
    });
    client.on('error', (error) => {
      this.logger.warn(`event listener connection lost: ${error.message}`);
      void client.end().catch(() => undefined);
      this.reconnect(0);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      this.client = client;
      if (attempt > 0) this.queue(() => this.catchUp());
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt === 0 && !this.client) throw error;
      this.logger.warn(`event listener cannot connect: ${(error as Error).message}`);
      this.reconnect(attempt + 1);
    }
  }

  private reconnect(attempt: number): void {
    if (this.stopped || this.retry) return;
    const delay = RECONNECT_MS[Math.min(attempt, RECONNECT_MS.length - 1)];
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect(Math.max(1, attempt));
    }, delay);
    this.retry.unref();
  }

  /** One notification (or catch-up) at a time, in arrival order. */
  private queue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch((error: unknown) => {
      this.logger.warn(`events from another instance not delivered: ${(error as Error).message}`);
    });
  }

  private async onNotify(payload: string): Promise<void> {
    const [from, list] = payload.split('|');
    if (from === this.instanceId || !list) return;
    const ids = list.split(',').map(Number).filter(Number.isSafeInteger);
    const rows = await this.sink.read(ids);
    this.see(rows);
    this.sink.deliver(rows);
  }

  private async catchUp(): Promise<void> {
    const rows = await this.sink.since(this.lastSeen);
    this.see(rows);
    this.sink.deliver(rows);
  }

  private see(rows: EventRow[]): void {
    for (const r of rows) this.lastSeen = Math.max(this.lastSeen, Number(r.id));
  }
}
