import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorSpec } from '../../src/core/errors/comptoir.exception';

const root = join(__dirname, '../..');

function* exceptionFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* exceptionFiles(path);
    else if (name.endsWith('.exception.ts')) yield path;
  }
}

/** Every `*_ERRORS` code table exported by a stage's exception file: [code, spec]. */
export function allErrorCodes(): [string, ErrorSpec][] {
  const codes: [string, ErrorSpec][] = [];
  for (const file of exceptionFiles(join(root, 'src'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, unknown>;
    for (const [name, table] of Object.entries(mod)) {
      if (name.endsWith('_ERRORS')) codes.push(...Object.entries(table as Record<string, ErrorSpec>));
    }
  }
  return codes;
}
