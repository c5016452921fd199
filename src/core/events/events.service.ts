import { Inject, Injectable } from '@nestjs/common';
import { Observable, Subject, filter } from 'rxjs';
import { Clock } from '../clock/clock';

export type ServerEventType =
  | 'scan'
  | 'card-inserted'
  | 'card-removed'
  | 'prescription-retrieved'
  | 'dispensation-updated'
  | 'execution-acknowledged'
  | 'execution-parked';

/** One Server-Sent Event as API.md describes it; `id` is monotonic for Last-Event-ID. */
export interface ServerEvent {
  id: number;
  type: ServerEventType;
  at: string;
  terminalId?: string;
  data: unknown;
}

export const EVENT_BACKLOG = 1000;

/** Publishes events to SSE clients and keeps the last ones so a reconnecting client misses none. */
@Injectable()
export class EventsService {
  private seq = 0;
  private readonly backlog: ServerEvent[] = [];
  private readonly live = new Subject<ServerEvent>();

  constructor(@Inject(Clock) private readonly clock: Clock) {}

  publish(type: ServerEventType, data: unknown, terminalId?: string): ServerEvent {
    const event: ServerEvent = { id: ++this.seq, type, at: this.clock.now().toISOString(), data };
    if (terminalId !== undefined) event.terminalId = terminalId;
    this.backlog.push(event);
    if (this.backlog.length > EVENT_BACKLOG) this.backlog.shift();
    this.live.next(event);
    return event;
  }

  /** Events after `lastEventId` still in the backlog, for a client that reconnects. */
  since(lastEventId: number, terminalId?: string): ServerEvent[] {
    return this.backlog.filter((e) => e.id > lastEventId && matches(e, terminalId));
  }

  stream(terminalId?: string): Observable<ServerEvent> {
    return this.live.pipe(filter((e) => matches(e, terminalId)));
  }

  close(): void {
    this.live.complete();
  }
}

function matches(e: ServerEvent, terminalId?: string): boolean {
  return terminalId === undefined || e.terminalId === undefined || e.terminalId === terminalId;
}
