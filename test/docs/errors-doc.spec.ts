import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorSpec } from '../../src/core/errors/comptoir.exception';
import { SCAN_WARNINGS } from '../../src/scan/parsers/types';

const root = join(__dirname, '../..');

function* exceptionFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* exceptionFiles(path);
    else if (name.endsWith('.exception.ts')) yield path;
  }
}

/** Every `*_ERRORS` code table exported by a stage's exception file. */
function allCodes(): [string, ErrorSpec][] {
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

describe('docs/errors.md', () => {
  const doc = readFileSync(join(root, 'docs/errors.md'), 'utf8');
  const rows = new Map(
    [...doc.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|\s*(retryable|permanent)\s*\|/gm)].map((m) => [
      m[1],
      m,
    ]),
  );

  it('finds the code tables', () => {
    expect(allCodes().length).toBeGreaterThan(20);
  });

  it.each(allCodes())('documents %s with its status and kind', (code, spec) => {
    const row = rows.get(code);
    expect(row).toBeDefined();
    expect([Number(row![2]), row![3]]).toEqual([spec.status, spec.kind]);
  });

  it.each(SCAN_WARNINGS)('documents the scan warning %s', (warning) => {
    const section = doc.slice(
      doc.indexOf('## Scan warnings'),
      doc.indexOf('\n## ', doc.indexOf('## Scan warnings') + 1),
    );
    expect(section).toMatch(new RegExp(`^\\| \`${warning}\` \\| \\S`, 'm'));
  });
});
