// The dependency rule of ARCHITECTURE.md, run by `npm run lint`: exits 1 and lists each violation.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkFile, missingDrivers } from './lib/dependency-rules';

const root = join(__dirname, '..');

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (name.endsWith('.ts')) yield path;
  }
}

const violations = [
  ...missingDrivers((path) => existsSync(join(root, `${path}.ts`))),
  ...['src', 'devices'].flatMap((top) =>
    [...walk(join(root, top))].flatMap((abs) =>
      checkFile(relative(root, abs).split('\\').join('/'), readFileSync(abs, 'utf8')),
    ),
  ),
];
for (const v of violations) console.error(`${v.file}: imports ${v.target}: ${v.rule}`);
console.log(`dependency rule: ${violations.length} violation(s)`);
process.exit(violations.length ? 1 : 0);
