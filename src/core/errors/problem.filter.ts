import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { languageOf } from '../i18n/messages';
import { toProblem } from './problem';

/**
 * Answers `err` as application/problem+json with a stable code, its title and detail in the client's language
 * (API.md § Conventions: French unless Accept-Language puts `en` first); a bug is logged.
 */
export function answerProblem(err: unknown, req: Request, res: Response, logger: Logger): void {
  const language = languageOf(req.headers['accept-language']);
  const { problem, internal } = toProblem(err, language);
  if (internal) logger.error({ err }, 'unhandled error');
  if (res.headersSent) {
    res.end();
    return;
  }
  // toProblem gives every 503 and 429 its retryAfterSeconds: the header says the same.
  if (typeof problem.retryAfterSeconds === 'number')
    res.setHeader('Retry-After', String(problem.retryAfterSeconds));
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Every error leaves the API as application/problem+json (answerProblem). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    answerProblem(err, http.getRequest<Request>(), http.getResponse<Response>(), this.logger);
  }
}
