import { INestApplication, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger';
import { json, raw, type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/config.schema';
import { CoreException } from '../errors/core.exception';
import { CORE_DETAILS } from '../errors/error-messages';
import { ProblemFilter } from '../errors/problem.filter';
import { hostAllowed } from './allowed-hosts';
import { contentSecurityPolicy } from './csp';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
import { ref, registeredSchemas } from './openapi-schemas';

/** What every API answer says about itself: patient data, never cached, never sniffed. */
const API_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

/** The OpenAPI page: Swagger UI's own scripts and styles only (its inline styles need 'unsafe-inline'). */
export const DOCS_CSP = contentSecurityPolicy({ inlineStyles: true });

/** The body parsers and checks of Comptoir's routes, as middleware (configureApp, ComptoirModule). */
export function edgeMiddleware(config: AppConfig) {
  const hosts = config.server.allowedHosts;
  return {
    /** DNS rebinding: with server.allowedHosts set, a page of another site named as us gets nothing. */
    hostCheck:
      hosts.length > 0
        ? (req: Request, _res: Response, next: NextFunction) =>
            hostAllowed(req.headers.host, hosts)
              ? next()
              : next(new CoreException('HOST_NOT_ALLOWED', CORE_DETAILS.HOST_NOT_ALLOWED.host()))
        : undefined,
    apiHeaders: (_req: Request, res: Response, next: NextFunction) => {
      res.set(API_HEADERS);
      next();
    },
    json: json({
      limit: config.server.bodyLimit,
      type: ['application/json', 'application/*+json'],
      // Refused before parsing: the validation pipe walks bodies recursively (a stack overflow, a 500).
      verify: (_req, _res, body) => {
        if (nestsDeeperThan(body)) throw Object.assign(new Error('too deep'), { type: 'entity.too.deep' });
      },
    }),
    /**
     * Pictures and PDFs, on the one route that takes them, with their own limit (docs/scanning.md): read as
     * bytes whatever their type (the Idempotency-Key fingerprint covers them); the route checks the type.
     */
    image: raw({ limit: config.server.imageBodyLimit, type: () => true }),
    /** Invoice-rejection files as bytes: the importer decodes UTF-8 or Windows-1252 (docs/back-office.md). */
    csv: raw({
      limit: '5mb',
      type: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'],
    }),
  };
}

/** HTTP edge shared by main.ts and the e2e tests: body limits, validation, OpenAPI, logger. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  const edge = edgeMiddleware(config);
  express.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', false);
  if (edge.hostCheck) express.use(edge.hostCheck);
  express.use(['/api', '/health'], edge.apiHeaders);
  express.use('/api/docs', (_req: Request, res: Response, next: NextFunction) => {
    res.set('Content-Security-Policy', DOCS_CSP);
    next();
  });
  express.use(edge.json);
  express.use('/api/v1/scans/image', edge.image);
  express.use('/api/v1/invoice-rejections/import', edge.csv);
  // Body-parser errors become typed errors here: Nest would turn them into a bare 400.
  express.use((err: unknown, _req: Request, _res: Response, next: NextFunction) =>
    next(bodyParserError(err)),
  );
  // Comptoir's controllers carry their own guards, pipe and problem filter (comptoir-enhancers.ts); this
  // one answers what reaches no controller (an unknown path, a refused host) as problem+json too.
  app.useGlobalFilters(new ProblemFilter());
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}

/** The OpenAPI document of Comptoir's routes (`include`: the modules to describe, default all). */
export function openApiDocument(app: INestApplication, include?: Type[]): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Comptoir')
    .setDescription(
      'Dispensing-side service of the ordonnance numérique. Contract: API.md (v1); what may change within v1: ' +
        'docs/versioning.md. Every error is application/problem+json with a stable code (docs/errors.md).',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'An opaque API token (API.md § Conventions)',
    })
    .build();
  return asContract(SwaggerModule.createDocument(app, doc, include ? { include } : undefined));
}

/** Where no token is asked: the health check and the pages' login. */
const PUBLIC_OPERATIONS = new Set(['get /health', 'post /api/v1/session']);

/**
 * Completes what Nest's generator leaves out: the response schemas registered by the stages, a
 * problem+json `default` answer on every operation, the bearer scheme on every operation that needs a
 * token (opaque tokens: no `bearerFormat`), and a stable order of schemas.
 */
function asContract(doc: OpenAPIObject): OpenAPIObject {
  const bearer = doc.components?.securitySchemes?.bearer as { bearerFormat?: string } | undefined;
  if (bearer) delete bearer.bearerFormat;
  const generated = doc.components?.schemas ?? {};
  doc.components = {
    ...doc.components,
    schemas: Object.fromEntries(
      Object.entries({ ...generated, ...registeredSchemas() }).sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, OperationObject][]) {
      if (typeof operation !== 'object' || !operation || !('responses' in operation)) continue;
      operation.responses.default ??= {
        description: 'An error: application/problem+json with a stable code (docs/errors.md)',
        content: { 'application/problem+json': { schema: ref('Problem') } },
      };
      operation.security = PUBLIC_OPERATIONS.has(`${method} ${path}`) ? [] : [{ bearer: [] }];
    }
  }
  return doc;
}

export function bodyParserError(err: unknown): unknown {
  const e = err as { type?: string; encoding?: string; charset?: string } | null;
  const d = CORE_DETAILS;
  switch (e?.type) {
    case 'entity.parse.failed':
      return new CoreException('MALFORMED_JSON', d.MALFORMED_JSON.notJson(), { cause: err });
    case 'entity.too.deep':
      return new CoreException('MALFORMED_JSON', d.MALFORMED_JSON.tooDeep({ max: MAX_JSON_DEPTH }));
    case 'entity.too.large':
      return new CoreException('PAYLOAD_TOO_LARGE', d.PAYLOAD_TOO_LARGE.overLimit());
    case 'encoding.unsupported':
      return new CoreException(
        'UNSUPPORTED_MEDIA_TYPE',
        d.UNSUPPORTED_MEDIA_TYPE.encoding({ encoding: e.encoding ?? '?' }),
      );
    case 'charset.unsupported':
      return new CoreException(
        'UNSUPPORTED_MEDIA_TYPE',
        d.UNSUPPORTED_MEDIA_TYPE.charset({ charset: e.charset ?? '?' }),
      );
    case 'request.aborted':
      return new CoreException('VALIDATION_FAILED', d.VALIDATION_FAILED.requestAborted());
    case 'request.size.invalid':
      return new CoreException('VALIDATION_FAILED', d.VALIDATION_FAILED.bodySizeMismatch());
    default:
      return err;
  }
}
