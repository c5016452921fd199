// `npm run fixtures:update`: the one way golden and generated fixtures are (re)written. Tests only compare
// against them and fail on a missing one, so a change to any of these files shows in review as a diff.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { FAMILY_TRACE_PATH, recordFamilyTrace } from '../devices/sim/vitale-fixtures';
import { FIXTURES_WRITE_ENV } from '../test/support/golden';
import { hidFixtureFiles } from './fixtures/hid-from-xkb';

const ROOT = join(__dirname, '..');

const WRITERS: Array<[string, () => Promise<Record<string, string>>]> = [
  ['Vitale 2 family-card trace', async () => ({ [FAMILY_TRACE_PATH]: await recordFamilyTrace() })],
  ['HID key maps and reports (xkb-data, HID Usage Tables)', async () => hidFixtureFiles()],
];

// The SOAP goldens are what the node-soap client sends and what the sandbox answers, for each contract (ours and
// the renamed copy): the specs that check them write them, in this mode only.
const SOAP_GOLDEN_SPECS = [
  'src/prescription/teleservice/soap-teleservice.client.spec.ts',
  'src/teleservice-sandbox/wire/envelope.spec.ts',
  'test/e2e/teleservice-contracts.e2e-spec.ts',
];

async function main(): Promise<void> {
  console.log('== SOAP golden envelopes (test/fixtures/teleservice)');
  execFileSync('npx', ['jest', ...SOAP_GOLDEN_SPECS, '--selectProjects', 'unit', 'e2e'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, [FIXTURES_WRITE_ENV]: '1' },
  });
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
