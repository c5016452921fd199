import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { from, Observable, of, switchMap } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { AuthenticatedRequest } from '../auth/principal';
import { Database } from '../database/database';
import { Instances } from '../instances/instances.service';
import { ComptoirException } from '../errors/comptoir.exception';
import { CoreException } from '../errors/core.exception';
import { CORE_DETAILS } from '../errors/error-messages';
import { Problem, toProblem } from '../errors/problem';
import { languageOf, Text } from '../i18n/messages';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyRepository, ScopedKey, StoredAnswer } from './idempotency.repository';

const MAX_KEY_LENGTH = 255;
/** An in-progress key older than this belongs to a request that died (e.g. a hung handler). */
const STALE_MS = 60_000;

/** Replays a stored error answer exactly (in the language of the first answer). */
class ReplayedProblem extends ComptoirException {
  constructor(p: Problem) {
    const { type: _t, title, status, code, detail, ...extra } = p;
    super(code, { status, kind: 'permanent', title: { fr: title, en: title } }, new Text(detail, detail), {
      extra,
    });
  }
}

/**
 * Every POST accepts an Idempotency-Key (API.md): the same key with the same body returns the first answer,
 * errors included; another body under the same key is refused.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly db: Database,
    private readonly keys: IdempotencyRepository,
    private readonly instances: Instances,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string') return next.handle();
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new CoreException(
        'VALIDATION_FAILED',
        CORE_DETAILS.VALIDATION_FAILED.idempotencyKeyLength({ max: MAX_KEY_LENGTH }),
      );
    }
    const res = ctx.switchToHttp().getResponse<Response>();
    const scopedKey: ScopedKey = {
      pharmacyId: req.principal?.pharmacyId ?? '-',
      scopedKey: `${req.principal?.terminalId ?? '-'}:${key}`,
    };
    const hash = createHash('sha256').update(`${req.method} ${req.originalUrl}\n`);
    // Binary bodies (images, PDFs) are hashed as bytes: turning 10 MB into JSON text took over a second.
    hash.update(Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body ?? null));
    const requestHash = hash.digest('hex');
    return from(this.claim(scopedKey, requestHash)).pipe(
      switchMap((existing) => {
        if (existing) return this.replay(existing, res);
        return next.handle().pipe(
          mergeMap(async (body) => {
            await this.store(scopedKey, {
              status: res.statusCode,
              body: JSON.stringify(body ?? null),
              contentType: 'application/json',
            });
            return body;
          }),
          catchError(async (err) => {
            const { problem } = toProblem(err, languageOf(req.headers['accept-language']));
            const permanent = !(err instanceof ComptoirException && err.retryable) && problem.status < 500;
            if (permanent) {
              await this.store(scopedKey, {
                status: problem.status,
                body: JSON.stringify(problem),
                contentType: 'application/problem+json',
              });
            } else {
              await this.db.transaction((m) => this.keys.release(m, scopedKey));
            }
            throw err;
          }),
        );
      }),
    );
  }

  /** Takes the key for this request, or returns the earlier answer's row. */
  private async claim(scopedKey: ScopedKey, requestHash: string): Promise<IdempotencyKeyEntity | null> {
    const stale = new Date(Date.now() - STALE_MS);
    const alive = this.db.engine === 'postgres' ? await this.instances.alive() : undefined;
    await this.db.transaction((m) => this.keys.releaseStale(m, scopedKey, stale, alive));
    const owner = this.instances.id;
    if (await this.db.transaction((m) => this.keys.claim(m, scopedKey, requestHash, owner))) return null;
    const row = await this.keys.find(this.db.reader, scopedKey);
    if (!row) return null;
    if (row.requestHash !== requestHash) {
      throw new CoreException('IDEMPOTENCY_KEY_REUSED', CORE_DETAILS.IDEMPOTENCY_KEY_REUSED.reused());
    }
    if (row.state === 'in-progress') {
      throw new CoreException('IDEMPOTENCY_IN_PROGRESS', CORE_DETAILS.IDEMPOTENCY_IN_PROGRESS.running());
    }
    return row;
  }

  private store(scopedKey: ScopedKey, answer: StoredAnswer): Promise<void> {
    return this.db.transaction((m) => this.keys.answer(m, scopedKey, answer));
  }

  private replay(row: IdempotencyKeyEntity, res: Response): Observable<unknown> {
    const body = JSON.parse(row.body ?? 'null') as unknown;
    res.setHeader('Idempotent-Replayed', 'true');
    if (row.contentType === 'application/problem+json') throw new ReplayedProblem(body as Problem);
    res.status(row.status ?? 200);
    return of(body);
  }
}

/**
 * Keys left in progress by a process killed mid-request are released so that the client's retry runs the
 * request again instead of waiting out STALE_MS: on SQLite all of them at start (one process owns the
 * file); on PostgreSQL, when a retry comes, those of an instance that stopped beating (the interceptor's
 * `claim`). (Not the interceptor's own hook: each controller's module holds an instance of the interceptor.)
 */
@Injectable()
export class IdempotencyRelease implements OnApplicationBootstrap {
  constructor(
    private readonly db: Database,
    private readonly keys: IdempotencyRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.db.engine === 'sqlite') await this.db.transaction((m) => this.keys.releaseInProgress(m));
  }
}
