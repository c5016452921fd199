import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pointedAt, shellBlocks } from '../support/doc-blocks';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';

jest.setTimeout(60_000);

/** The shell block README.md marks as its walkthrough: a newcomer's first dispensation, run as written. */
function walkthrough(): string {
  const [block] = shellBlocks('README.md', 'walkthrough').values();
  if (!block) throw new Error('README.md has no block marked <!-- walkthrough: … -->');
  return block;
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
    const script = pointedAt(walkthrough(), t.url, t.sandbox.url);
    expect(script).toContain(t.sandbox.url);
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      timeout: 45_000,
    });
    expect(stdout.trim().split('\n')).toEqual(['partial', 'matched', 'invoiced']);
  });
});
