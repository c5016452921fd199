import { Controller, Get, Headers, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { filter, Subscription } from 'rxjs';
import { Owns } from '../auth/ownership';
import { AuthenticatedRequest } from '../auth/principal';
import { SessionStore } from '../auth/session.store';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { EventsService, ServerEvent } from './events.service';
import { ApiProblems, ref } from '../http/openapi-schemas';

const HEARTBEAT_MS = 15_000;

@ApiTags('events')
@Controller('api/v1/events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly sessions: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Owns('terminal', 'terminalId', 'query')
  @ApiOperation({
    summary:
      "Server-Sent Events; Last-Event-ID honoured. A counter gets its own terminal's events, lgo its pharmacy's",
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'terminalId', required: false })
  @ApiHeader({ name: 'last-event-id', required: false, description: 'Replays the events after this id' })
  @ApiResponse({
    status: 200,
    description: 'text/event-stream of ServerEvent',
    content: { 'text/event-stream': { schema: ref('ServerEvent') } },
  })
  @ApiProblems(403)
  stream(
    @Req() req: Request,
    @Res() res: Response,
    @Query('terminalId') terminalId?: string,
    @Headers('last-event-id') lastEventId?: string,
  ): void {
    const { principal, sessionKey } = req as AuthenticatedRequest;
    const audience = {
      principal: principal!,
      terminalId: typeof terminalId === 'string' ? terminalId : undefined,
    };
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 2000\n\n');
    const write = (e: ServerEvent) =>
      res.write(
        `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ type: e.type, at: e.at, terminalId: e.terminalId, data: e.data })}\n\n`,
      );
    // While the replay is read, live events wait; then each is sent once, replayed or live.
    const last = Number(lastEventId);
    const replay = lastEventId && Number.isSafeInteger(last) ? this.events.since(last, audience) : undefined;
    let waiting: ServerEvent[] | undefined = replay ? [] : undefined;
    const sent = new Set<number>();
    const send = (e: ServerEvent) => {
      if (waiting) return void waiting.push(e);
      if (sent.size > 0 && sent.has(e.id)) return;
      write(e);
    };
    const subs = new Subscription();
    const timers: NodeJS.Timeout[] = [];
    const end = () => {
      subs.unsubscribe();
      timers.forEach(clearInterval);
      res.end();
    };
    subs.add(this.events.stream(audience).subscribe({ next: (e) => send(e), complete: end }));
    replay?.then(
      (events) => {
        for (const e of events) {
          sent.add(e.id);
          write(e);
        }
        const live = waiting ?? [];
        waiting = undefined;
        live.forEach(send);
        sent.clear();
      },
      () => end(),
    );
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    timers.push(heartbeat);
    if (sessionKey) {
      // The stream lives as long as its page session: ended here at once, elsewhere at the next check.
      subs.add(this.sessions.ended.pipe(filter((k) => k === sessionKey)).subscribe(end));
      const check = setInterval(() => {
        this.sessions.alive(sessionKey).then(
          (alive) => alive || end(),
          () => undefined, // the database is busy: check again next time
        );
      }, this.config.auth.sessionCheckMs);
      timers.push(check);
    }
    timers.forEach((t) => t.unref());
    req.on('close', () => {
      subs.unsubscribe();
      timers.forEach(clearInterval);
    });
  }
}
