import { INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, raw, type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/config.schema';
import { CoreException } from '../errors/core.exception';
import { CORE_DETAILS } from '../errors/error-messages';
import { hostAllowed } from './allowed-hosts';
import { contentSecurityPolicy } from './csp';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
import { validationDetail } from './validation-text';

/** What every API answer says about itself: patient data, never cached, never sniffed. */
const API_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

/** The OpenAPI page: Swagger UI's own scripts and styles only (its inline styles need 'unsafe-inline'). */
export const DOCS_CSP = contentSecurityPolicy({ inlineStyles: true });

/** HTTP edge shared by main.ts and the e2e tests: body limits, validation, OpenAPI, logger. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', false);
  // DNS rebinding: with server.allowedHosts set, a page of another site named as us gets nothing.
  const hosts = config.server.allowedHosts;
  if (hosts.length > 0) {
    express.use((req: Request, _res: Response, next: NextFunction) =>
      hostAllowed(req.headers.host, hosts)
        ? next()
        : next(new CoreException('HOST_NOT_ALLOWED', CORE_DETAILS.HOST_NOT_ALLOWED.host())),
    );
  }
  express.use(['/api', '/health'], (_req: Request, res: Response, next: NextFunction) => {
    res.set(API_HEADERS);
    next();
  });
  express.use('/api/docs', (_req: Request, res: Response, next: NextFunction) => {
    res.set('Content-Security-Policy', DOCS_CSP);
    next();
  });
  express.use(
    json({
      limit: config.server.bodyLimit,
      type: ['application/json', 'application/*+json'],
      // Refused before parsing: the validation pipe walks bodies recursively (a stack overflow, a 500).
      verify: (_req, _res, body) => {
        if (nestsDeeperThan(body)) throw Object.assign(new Error('too deep'), { type: 'entity.too.deep' });
      },
    }),
  );
  // Pictures and PDFs, on the one route that takes them, with their own limit (docs/scanning.md): read as
  // bytes whatever their type (the Idempotency-Key fingerprint covers them); the route checks the type.
  express.use('/api/v1/scans/image', raw({ limit: config.server.imageBodyLimit, type: () => true }));
  // Invoice-rejection files as bytes: the importer decodes UTF-8 or Windows-1252 (docs/back-office.md).
  express.use(
    '/api/v1/invoice-rejections/import',
    raw({ limit: '5mb', type: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'] }),
  );
  // Body-parser errors become typed errors here: Nest would turn them into a bare 400.
  express.use((err: unknown, _req: Request, _res: Response, next: NextFunction) =>
    next(bodyParserError(err)),
  );
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // The target (never the value) lets validation-text.ts read each rule's arguments (`@Min(1)`).
      validationError: { target: true, value: false },
      exceptionFactory: (errors) => new CoreException('VALIDATION_FAILED', validationDetail(errors)),
    }),
  );
  const doc = new DocumentBuilder()
    .setTitle('Comptoir')
    .setDescription('Dispensing-side service of the ordonnance numérique. Contract: API.md (v1).')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/docs-json',
  });
}

function bodyParserError(err: unknown): unknown {
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
