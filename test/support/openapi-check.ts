import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { appendFileSync, readFileSync } from 'node:fs';
import { OPENAPI_FILE } from '../../scripts/lib/openapi-document';

/**
 * Every answer of the e2e tier checked against the committed contract, docs/openapi.json (startTestApp
 * installs the recorder on each app; test/support/openapi-check.setup.ts fails the test that saw a drift).
 * The answer's route and status must be declared (or fall to `default`), its media type too, and a JSON body
 * must match the schema with undeclared fields refused: the document is open for clients (they ignore what
 * they do not know, docs/versioning.md) but the service must describe everything it sends.
 */

type Json = Record<string, unknown>;

interface Violation {
  request: string;
  status: number;
  problem: string;
  body?: string;
}

const violations: Violation[] = [];

/** The drifts recorded since the last call (the setup file calls it after each test). */
export function takeViolations(): Violation[] {
  return violations.splice(0);
}

/** OpenAPI 3.0 to JSON Schema as Ajv reads it: `nullable`, closed objects, no generator-only keywords. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const s: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'discriminator' || k === 'example' || k === 'examples' || k === 'xml') continue;
    s[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as Json).map(([p, ps]) => [p, toJsonSchema(ps)]))
        : toJsonSchema(v);
  }
  if (s.format === 'binary') delete s.format;
  if (s.type === 'object' && s.properties && s.additionalProperties === undefined) {
    s.additionalProperties = false;
  }
  if (s.nullable === true) {
    delete s.nullable;
    if (typeof s.type === 'string' && !s.allOf && !s.anyOf && !s.oneOf && !s.$ref) {
      s.type = [s.type, 'null'];
    } else {
      return { anyOf: [s, { type: 'null' }] };
    }
  }
  return s;
}

interface Contract {
  doc: Json & { paths: Record<string, Record<string, Json>> };
  ajv: Ajv;
  compiled: Map<string, ValidateFunction>;
}

let contract: Contract | undefined;

function loadContract(): Contract {
  if (contract) return contract;
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as Contract['doc'];
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  const components = (doc.components as Json | undefined)?.schemas ?? {};
  ajv.addSchema({ $id: 'contract', components: { schemas: toJsonSchema(components) } });
  contract = { doc, ajv, compiled: new Map() };
  return contract;
}

/** A validator for a response schema of the document, its `$ref`s resolved within the document. */
function validatorFor(schema: Json): ValidateFunction {
  const c = loadContract();
  const key = JSON.stringify(schema);
  let v = c.compiled.get(key);
  if (!v) {
    const rebased = JSON.parse(key.replaceAll('"#/components/', '"contract#/components/')) as Json;
    v = c.ajv.compile(toJsonSchema(rebased) as Json);
    c.compiled.set(key, v);
  }
  return v;
}

const PROBLEM = { $ref: '#/components/schemas/Problem' };
const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

function record(req: Request, status: number, problem: string, body?: string): void {
  const v: Violation = { request: `${req.method} ${req.originalUrl.split('?')[0]}`, status, problem };
  if (body !== undefined) v.body = body.length > 600 ? `${body.slice(0, 600)}…` : body;
  violations.push(v);
  // While fixing a drift, COMPTOIR_OPENAPI_REPORT=<file> collects them all in one run.
  if (process.env.COMPTOIR_OPENAPI_REPORT)
    appendFileSync(process.env.COMPTOIR_OPENAPI_REPORT, `${JSON.stringify(v)}\n`);
}

function validate(req: Request, status: number, schema: Json, text: string, what: string): void {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return record(req, status, `${what}: the body is not JSON`, text);
  }
  const v = validatorFor(schema);
  if (!v(body)) {
    const errors = (v.errors ?? []).map((e) =>
      e.keyword === 'additionalProperties'
        ? `${e.instancePath || '/'} has the undeclared field ${(e.params as { additionalProperty: string }).additionalProperty}`
        : `${e.instancePath || '/'} ${e.message}`,
    );
    record(req, status, `${what}: ${[...new Set(errors)].join('; ')}`, text);
  }
}

/** The operation of the document that answered `req` (its Express route), if the route is Comptoir's API. */
function operationOf(req: Request): { path: string; operation?: Json } | undefined {
  const route = (req as Request & { route?: { path?: string } }).route?.path;
  if (typeof route !== 'string') return undefined;
  const path = `${req.baseUrl}${route}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  if (!path.startsWith('/api/v1') && path !== '/health') return undefined;
  return { path, operation: loadContract().doc.paths[path]?.[req.method.toLowerCase()] };
}

/**
 * With `COMPTOIR_OPENAPI_SEEN=<file>`, each checked answer's operation and status is appended to that file:
 * `scripts/openapi-coverage.ts` then lists the operations of the document that no answer exercised.
 */
function seen(req: Request, path: string, status: number): void {
  if (process.env.COMPTOIR_OPENAPI_SEEN)
    appendFileSync(process.env.COMPTOIR_OPENAPI_SEEN, `${req.method.toLowerCase()} ${path} ${status}\n`);
}

function check(req: Request, res: Response, text: string): void {
  const status = res.statusCode;
  const mediaType = String(res.getHeader('content-type') ?? '')
    .split(';')[0]
    .trim();
  const found = operationOf(req);
  if (!found) {
    // No route answered (an unknown path, a body refused before routing): a problem all the same.
    if (mediaType === 'application/problem+json') validate(req, status, PROBLEM, text, 'problem');
    return;
  }
  if (!found.operation) return record(req, status, `${found.path}: this route is not in docs/openapi.json`);
  seen(req, found.path, status);
  const responses = found.operation.responses as Record<string, Json>;
  const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  if (!declared) return record(req, status, `status ${status} is not declared`, text);
  if (text.length === 0 || status === 204 || status === 304) return;
  const content = declared.content as Record<string, Json> | undefined;
  const media = content?.[mediaType];
  if (!media) {
    return record(req, status, `${mediaType || 'no content type'} is not declared for ${status}`, text);
  }
  if (isJson(mediaType) && media.schema) validate(req, status, media.schema as Json, text, 'body');
}

/** Server-Sent Events: each `data:` line is a ServerEvent of the document. */
function checkEvents(req: Request, chunk: string): void {
  for (const m of chunk.matchAll(/^data: (.*)$/gm)) {
    validate(req, 200, { $ref: '#/components/schemas/ServerEvent' }, m[1], 'event');
  }
}

/** Express middleware recording each answer's drift from the document (install it before the routes). */
export function openApiRecorder(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const chunks: Buffer[] = [];
    const asBuffer = (chunk: unknown, encoding?: unknown): Buffer | undefined =>
      chunk === undefined || chunk === null || typeof chunk === 'function'
        ? undefined
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    const streaming = () => String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      const b = asBuffer(chunk, rest[0]);
      if (b) {
        if (streaming()) checkEvents(req, b.toString('utf8'));
        else chunks.push(b);
      }
      return write(chunk, ...rest);
    }) as Response['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      const b = asBuffer(chunk, rest[0]);
      if (b && !streaming()) chunks.push(b);
      return end(chunk, ...rest);
    }) as Response['end'];
    res.on('finish', () => {
      if (!streaming()) check(req, res, Buffer.concat(chunks).toString('utf8'));
      else {
        const found = operationOf(req);
        if (found?.operation) seen(req, found.path, res.statusCode);
      }
    });
    next();
  };
}
