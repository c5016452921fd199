import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';

jest.setTimeout(60_000);

/** The shell block README.md marks as its walkthrough: a newcomer's first dispensation, run as written. */
function walkthrough(): string {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const m = /<!-- walkthrough:[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('README.md has no block marked <!-- walkthrough: … -->');
  return m[1];
}

describe("README's first dispensation, run as written against the service and its sandbox", () => {
  let t: SandboxedApp;

  beforeAll(async () => {
    // The sandbox configuration's counter token, as README uses it.
    t = await startSandboxedApp({
      overrides: {
        auth: { tokens: [{ terminal: 'counter-1', role: 'counter', token: 'sandbox-counter-1' }] },
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('goes from the prescription to its invoice: partial, matched, invoiced', async () => {
    const script = walkthrough()
      .replaceAll('http://127.0.0.1:3000', t.url)
      .replaceAll('http://127.0.0.1:8089', t.sandbox.url);
    expect(script).toContain(t.sandbox.url);
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      timeout: 45_000,
    });
    expect(stdout.trim().split('\n')).toEqual(['partial', 'matched', 'invoiced']);
  });
});
