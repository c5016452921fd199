import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { languageOf } from '../i18n/messages';
import { toProblem } from './problem';

/**
 * Every error leaves the API as application/problem+json with a stable code, its title and detail in the
 * client's language (API.md § Conventions: French unless Accept-Language puts `en` first).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const language = languageOf(http.getRequest<Request>().headers['accept-language']);
    const { problem, internal } = toProblem(err, language);
    if (internal) this.logger.error({ err }, 'unhandled error');
    if (res.headersSent) {
      res.end();
      return;
    }
    // toProblem gives every 503 and 429 its retryAfterSeconds: the header says the same.
    if (typeof problem.retryAfterSeconds === 'number')
      res.setHeader('Retry-After', String(problem.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
