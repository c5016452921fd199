// The committed contract, docs/openapi.json: what the code generates, built the same way by the update script
// (`npm run openapi:update`) and by the test that checks the committed file is current.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/core/config/load-config';
import { openApiDocument } from '../../src/core/http/configure-app';

const ROOT = join(__dirname, '..', '..');
export const OPENAPI_FILE = join(ROOT, 'docs', 'openapi.json');
export const CLIENT_SCHEMA_FILE = join(ROOT, 'clients', 'typescript', 'src', 'schema.d.ts');

/** The document as text: the whole service built with the test configuration in a scratch directory. */
export async function renderOpenApiDocument(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-openapi-'));
  try {
    const config = loadConfig({
      env: { COMPTOIR_ENV: 'test', TZ: 'Europe/Paris' },
      overrides: { dataDir, log: { level: 'silent' } },
    });
    const app = await createApp({ config });
    try {
      return `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The typed client's types, generated from an OpenAPI file by openapi-typescript (its CLI, an ES module). */
export function renderClientSchema(openApiFile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-client-'));
  try {
    const out = join(dir, 'schema.d.ts');
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'),
        openApiFile,
        '-o',
        out,
        '--default-non-nullable',
        'false',
      ],
      {
        stdio: 'ignore',
      },
    );
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
