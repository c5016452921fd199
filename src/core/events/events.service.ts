import { Inject, Injectable } from '@nestjs/common';
import { Observable, Subject, filter } from 'rxjs';
import type { Principal } from '../auth/principal';
import { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';

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

/** One Server-Sent Event as API.md describes it; `id` is monotonic for Last-Event-ID. */
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

export const EVENT_BACKLOG = 1000;
/** What the back office receives: never card data, never another terminal's patients. */
const BACK_OFFICE_EVENTS = new Set<ServerEventType>(['execution-acknowledged', 'execution-parked']);

/** Publishes events to SSE clients and keeps the last ones so a reconnecting client misses none. */
@Injectable()
export class EventsService {
  private seq = 0;
  private readonly backlog: ServerEvent[] = [];
  private readonly live = new Subject<ServerEvent>();

  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  publish(type: ServerEventType, data: unknown, terminalId?: string): ServerEvent {
    const event: ServerEvent = {
      id: ++this.seq,
      type,
      at: this.clock.now().toISOString(),
      pharmacyId: this.config.pharmacy.id,
      data,
    };
    if (terminalId !== undefined) event.terminalId = terminalId;
    this.backlog.push(event);
    if (this.backlog.length > EVENT_BACKLOG) this.backlog.shift();
    this.live.next(event);
    return event;
  }

  /** Events after `lastEventId` still in the backlog that the audience may see, for a client that reconnects. */
  since(lastEventId: number, audience: EventAudience): ServerEvent[] {
    return this.backlog.filter((e) => e.id > lastEventId && visible(e, audience));
  }

  /** Every event as it is published, every pharmacy's: for the service's own subscribers (webhooks). */
  all(): Observable<ServerEvent> {
    return this.live.asObservable();
  }

  stream(audience: EventAudience): Observable<ServerEvent> {
    return this.live.pipe(filter((e) => visible(e, audience)));
  }

  close(): void {
    this.live.complete();
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
