import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comptoir } from '../support/api-request';
import { CLIENT_SCHEMA_FILE, OPENAPI_FILE, renderClientSchema } from '../../scripts/lib/openapi-document';
import { startTestApp, TestApp } from '../support/test-app';

// Starting the app (migrations, the sandbox) can outlast jest's 5 s default on a loaded machine.
jest.setTimeout(30_000);

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
}
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Record<string, unknown>> };
};

/** docs/contract-routes.md: [method, path, pending?] for each row of its table. */
function contractRoutes(): { method: string; path: string; pending: string }[] {
  const text = readFileSync(join(__dirname, '..', '..', 'docs', 'contract-routes.md'), 'utf8');
  return [...text.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| (\S+) \| [^|]+ \|([^|]*)\|$/gm)].map((m) => ({
    method: m[1].toLowerCase(),
    path: m[2],
    pending: m[3].trim(),
  }));
}

describe('OpenAPI document: the committed contract (docs/openapi.json)', () => {
  let t: TestApp;
  let served: Doc;

  beforeAll(async () => {
    t = await startTestApp();
    served = (await comptoir(t.url).get('/api/docs-json').expect(200)).body as Doc;
  });

  afterAll(async () => {
    await t.close();
  });

  it('is what the code generates: regenerate it with npm run openapi:update and review the diff', () => {
    expect(served).toEqual(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')));
  });

  it("is what the typed client's types are generated from (clients/typescript/src/schema.d.ts)", () => {
    expect(renderClientSchema(OPENAPI_FILE)).toBe(readFileSync(CLIENT_SCHEMA_FILE, 'utf8'));
  });

  it('has every route of the contract (docs/contract-routes.md)', () => {
    const routes = contractRoutes();
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((r) => !r.pending && !served.paths[r.path]?.[r.method]);
    expect(missing).toEqual([]);
    // A route still marked pending once it is served: the table says less than the code does.
    const landed = routes.filter((r) => r.pending && served.paths[r.path]?.[r.method]);
    expect(landed).toEqual([]);
  });

  it('declares a schema for every answer, and problem+json for every error', () => {
    const gaps: string[] = [];
    for (const [path, item] of Object.entries(served.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const success = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
        if (success.length === 0) gaps.push(`${method} ${path}: no success answer`);
        for (const [status, r] of success) {
          if (status === '204') continue;
          const media = Object.entries(r.content ?? {});
          if (media.length === 0 || media.some(([, m]) => !m.schema))
            gaps.push(`${method} ${path} ${status}`);
        }
        const problem = op.responses.default?.content?.['application/problem+json'];
        if (!problem) gaps.push(`${method} ${path}: no problem+json default`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('says tokens are opaque bearer strings, and Last-Event-ID is optional', () => {
    expect(served.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(served.components.securitySchemes.bearer.bearerFormat).toBeUndefined();
    const header = served.paths['/api/v1/events'].get.parameters?.find((p) => p.name === 'last-event-id');
    expect(header).toMatchObject({ in: 'header', required: false });
    expect(served.paths['/health'].get.security).toEqual([]);
    expect(served.paths['/api/v1/scans'].post.security).toEqual([{ bearer: [] }]);
  });

  it('serves the human page at /api/docs', async () => {
    const res = await comptoir(t.url).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/swagger/i);
  });
});
