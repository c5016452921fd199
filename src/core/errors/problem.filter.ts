import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toProblem } from './problem';

/** Answers `err` as application/problem+json (with Retry-After on a 503); a bug is logged. */
export function answerProblem(err: unknown, res: Response, logger: Logger): void {
  const { problem, internal } = toProblem(err);
  if (internal) logger.error({ err }, 'unhandled error');
  if (res.headersSent) {
    res.end();
    return;
  }
  const retryAfter = problem.retryAfterSeconds;
  if (typeof retryAfter === 'number')
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
  else if (problem.status === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '5');
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Every error leaves the API as application/problem+json with a stable code. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    answerProblem(err, host.switchToHttp().getResponse<Response>(), this.logger);
  }
}
