// `npm run fixtures:update`: the one way golden and generated fixtures are (re)written. Tests only compare
// against them and fail on a missing one, so a change to any of these files shows in review as a diff.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { FAMILY_TRACE_PATH, recordFamilyTrace } from '../devices/sim/vitale-fixtures';
import { goldenEnvelopes, goldenPath } from '../test/fixtures/teleservice/golden-envelopes';
import { hidFixtureFiles } from './fixtures/hid-from-xkb';

const ROOT = join(__dirname, '..');

const WRITERS: Array<[string, () => Promise<Record<string, string>>]> = [
  [
    'SOAP golden envelopes',
    async () => Object.fromEntries(Object.entries(goldenEnvelopes()).map(([n, xml]) => [goldenPath(n), xml])),
  ],
  ['Vitale 2 family-card trace', async () => ({ [FAMILY_TRACE_PATH]: await recordFamilyTrace() })],
  ['HID key maps and reports (xkb-data, HID Usage Tables)', async () => hidFixtureFiles()],
];

async function main(): Promise<void> {
  for (const [label, files] of WRITERS) {
    console.log(`== ${label}`);
    for (const [path, content] of Object.entries(await files())) {
      const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      const state = before === undefined ? 'new' : before === content ? 'unchanged' : 'changed';
      if (state !== 'unchanged') {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      }
      console.log(`${state.padEnd(9)} ${relative(ROOT, path)}`);
    }
  }
  console.log('review the changes with git diff before committing them');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
