// Which operations of docs/openapi.json the e2e tier exercised: reads the file a run wrote with
// COMPTOIR_OPENAPI_SEEN=<file> (test/support/openapi-check.ts appends "method path status" for every answer
// it checked against the document) and lists the operations no checked answer came from. Exit 1 when one
// is missing: scripts/test-all.sh runs it after a whole e2e tier, so that response validation covers every
// route. Usage: node -r @swc-node/register scripts/openapi-coverage.ts <seen-file>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const OPENAPI_FILE = join(__dirname, '..', 'docs', 'openapi.json');

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Operations of the document no answer exercised, as "METHOD path". */
export function uncovered(
  document: { paths: Record<string, Record<string, unknown>> },
  seen: string,
): string[] {
  const answered = new Set(
    seen
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ').slice(0, 2).join(' ')),
  );
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] && !answered.has(`${m} ${path}`)).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: openapi-coverage <seen-file>');
    process.exit(2);
  }
  const document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as Parameters<typeof uncovered>[0];
  const missing = uncovered(document, readFileSync(file, 'utf8'));
  const total = Object.values(document.paths).reduce(
    (n, item) => n + METHODS.filter((m) => item[m]).length,
    0,
  );
  console.log(
    `openapi coverage: ${total - missing.length}/${total} operations answered and checked in the e2e tier`,
  );
  for (const m of missing) console.log(`  never answered: ${m}`);
  process.exit(missing.length ? 1 : 0);
}
