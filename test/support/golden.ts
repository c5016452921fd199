// Golden files: a test compares against them and never writes them on its own. A missing one fails; they are
// written only by `npm run fixtures:update` (scripts/fixtures-update.ts), which either computes them itself or
// runs the specs that hold them with COMPTOIR_FIXTURES_WRITE=1, so every change to one shows in review as a diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const ROOT = `${__dirname}/../..`;

/** Set only by scripts/fixtures-update.ts when it runs the specs whose goldens come from a live exchange. */
export const FIXTURES_WRITE_ENV = 'COMPTOIR_FIXTURES_WRITE';

/** Asserts `actual` equals the committed golden file at `path`. */
export function expectGolden(path: string, actual: string): void {
  if (process.env[FIXTURES_WRITE_ENV] === '1') writeFileSync(path, actual);
  if (!existsSync(path)) {
    throw new Error(
      `golden file ${relative(ROOT, path)} is missing: run \`npm run fixtures:update\` and review the diff`,
    );
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
