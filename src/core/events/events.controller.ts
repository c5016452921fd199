import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthenticatedRequest } from '../auth/principal';
import { assertOwnTerminal } from '../auth/token.guard';
import { EventsService, ServerEvent } from './events.service';

const HEARTBEAT_MS = 15_000;

@ApiTags('events')
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({ summary: 'Server-Sent Events; Last-Event-ID honoured' })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'terminalId', required: false })
  stream(
    @Req() req: Request,
    @Res() res: Response,
    @Query('terminalId') terminalId?: string,
    @Headers('last-event-id') lastEventId?: string,
  ): void {
    const principal = (req as AuthenticatedRequest).principal!;
    if (principal.role === 'counter') assertOwnTerminal(principal, terminalId);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 2000\n\n');
    const send = (e: ServerEvent) =>
      res.write(
        `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ type: e.type, at: e.at, terminalId: e.terminalId, data: e.data })}\n\n`,
      );
    const last = Number(lastEventId);
    if (lastEventId && Number.isSafeInteger(last)) this.events.since(last, terminalId).forEach(send);
    const sub = this.events.stream(terminalId).subscribe({ next: send, complete: () => res.end() });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      sub.unsubscribe();
    });
  }
}
