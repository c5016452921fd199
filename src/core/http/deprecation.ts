import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { Response } from 'express';
import { Observable } from 'rxjs';

/** What is retired, since when, and until when it still answers (docs/versioning.md). */
export interface Deprecation {
  /** The day it was deprecated (`YYYY-MM-DD`): the `Deprecation` header (RFC 9745). */
  since: string;
  /** The day it may stop answering, in v2 at the earliest (`YYYY-MM-DD`): the `Sunset` header (RFC 8594). */
  sunset?: string;
  /** Where the replacement is described: a `Link: <…>; rel="deprecation"` header. */
  link?: string;
}

export const DEPRECATED = 'comptoir:deprecated';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The headers that tell a client it uses something retired. */
export function deprecationHeaders(d: Deprecation): Record<string, string> {
  if (!DAY.test(d.since) || (d.sunset !== undefined && !DAY.test(d.sunset))) {
    throw new Error(`a deprecation names its days as YYYY-MM-DD: ${JSON.stringify(d)}`);
  }
  const headers: Record<string, string> = {
    Deprecation: `@${Date.parse(`${d.since}T00:00:00Z`) / 1000}`,
  };
  if (d.sunset) headers.Sunset = new Date(`${d.sunset}T00:00:00Z`).toUTCString();
  if (d.link) headers.Link = `<${d.link}>; rel="deprecation"`;
  return headers;
}

/**
 * Retires a route without removing it within v1: each answer of the route, its errors included, carries `Deprecation` (and
 * `Sunset`, `Link` when given), and its OpenAPI operation is marked `deprecated` (its summary kept, whichever
 * order the decorators come in). A retired field is announced from its handler with `deprecationHeaders`.
 */
export const Deprecated =
  (d: Deprecation): MethodDecorator =>
  (target, key, descriptor) => {
    deprecationHeaders(d); // a malformed day fails at load, not at the first request
    SetMetadata(DEPRECATED, d)(target, key, descriptor);
    const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, descriptor.value as object) as object;
    Reflect.defineMetadata(
      DECORATORS.API_OPERATION,
      { ...operation, deprecated: true },
      descriptor.value as object,
    );
    return descriptor;
  };

/** Sets the deprecation headers of a `@Deprecated` route before it runs (one of Comptoir's enhancers). */
@Injectable()
export class DeprecationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const d = this.reflector.getAllAndOverride<Deprecation | undefined>(DEPRECATED, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (d) ctx.switchToHttp().getResponse<Response>().set(deprecationHeaders(d));
    return next.handle();
  }
}
