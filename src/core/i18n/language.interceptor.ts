import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable, throwError } from 'rxjs';
import { catchError, map } from 'rxjs/operators';
import { ComptoirException } from '../errors/comptoir.exception';
import { MessageRegistry } from './message-registry';
import { languageOf } from './messages';

/**
 * API.md § Conventions: messages are French; a client whose Accept-Language puts `en` first gets English.
 * Issues are built in French (the pages and the SSE stream show them as they are), and a Text serialises as
 * French; for such a client this rewrites the answer's issues and Texts, and the issues of a refusal that
 * lists them (`DISPENSATION_HAS_BLOCKING_ISSUES`). A refusal's own title and detail are the ProblemFilter's.
 */
@Injectable()
export class LanguageInterceptor implements NestInterceptor {
  constructor(private readonly messages: MessageRegistry) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const language = languageOf(ctx.switchToHttp().getRequest<Request>().headers['accept-language']);
    if (language === 'fr') return next.handle();
    return next.handle().pipe(
      map((body) => this.messages.localise(body, language)),
      catchError((err: unknown) => {
        const extra = err instanceof ComptoirException ? err.extra : undefined;
        if (extra && Array.isArray(extra.issues))
          extra.issues = this.messages.localise(extra.issues, language);
        return throwError(() => err);
      }),
    );
  }
}
