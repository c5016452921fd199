// `npm run openapi:update`: rewrites docs/openapi.json from the code, then the typed client's types from it
// (clients/typescript/src/schema.d.ts). The tests that compare them (test/e2e/openapi.e2e-spec.ts) never write
// them, so every change of the contract shows in review as a diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  CLIENT_SCHEMA_FILE,
  OPENAPI_FILE,
  renderClientSchema,
  renderOpenApiDocument,
} from './lib/openapi-document';

function write(file: string, next: string): void {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const state = before === undefined ? 'new' : before === next ? 'unchanged' : 'changed';
  if (state !== 'unchanged') writeFileSync(file, next);
  console.log(`${relative(process.cwd(), file)}: ${state}${state === 'changed' ? ' (review the diff)' : ''}`);
}

async function main(): Promise<void> {
  write(OPENAPI_FILE, await renderOpenApiDocument());
  write(CLIENT_SCHEMA_FILE, renderClientSchema(OPENAPI_FILE));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
