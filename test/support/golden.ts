// Golden files: a test compares against them and never writes them. A missing one fails; they are written only
// by `npm run fixtures:update` (scripts/fixtures-update.ts), so every change to one shows in review as a diff.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const ROOT = `${__dirname}/../..`;

/** Asserts `actual` equals the committed golden file at `path`. */
export function expectGolden(path: string, actual: string): void {
  if (!existsSync(path)) {
    throw new Error(
      `golden file ${relative(ROOT, path)} is missing: run \`npm run fixtures:update\` and review the diff`,
    );
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
