import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SCENARIO_NAMES } from '../../src/teleservice-sandbox/sandbox.scenarios';
import { pointedAt, shellBlocks } from '../support/doc-blocks';
import { QUICK_RETRIES, SandboxedApp, startSandboxedApp } from '../support/sandbox-app';

jest.setTimeout(60_000);

// docs/integration.md § Sandbox scenarios: each scenario's curl walk, run as written after the setup block;
// what it prints must be its `# →` lines, in order.

const blocks = shellBlocks('docs/integration.md', 'scenario');
const setup = shellBlocks('docs/integration.md', 'scenarios').get('setup');

describe("docs/integration.md's sandbox scenarios, run as written", () => {
  let t: SandboxedApp;

  beforeAll(async () => {
    // The sandbox configuration's counter token, as the doc uses it; quick retries for the outage's.
    t = await startSandboxedApp({
      overrides: {
        ...QUICK_RETRIES,
        auth: { tokens: [{ terminal: 'counter-1', role: 'counter', token: 'sandbox-counter-1' }] },
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('has the setup block and one walk per scenario', () => {
    expect(setup).toBeDefined();
    expect([...blocks.keys()].sort()).toEqual([...SCENARIO_NAMES].sort());
  });

  it.each([...SCENARIO_NAMES])('%s prints what its # → lines say', async (name) => {
    const block = blocks.get(name)!;
    const expected = [...block.matchAll(/^# → (.*)$/gm)].map((m) => m[1]);
    expect(expected.length).toBeGreaterThan(1);
    const script = pointedAt(`${setup}\n${block}`, t.url, t.sandbox.url);
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      timeout: 45_000,
    });
    expect(stdout.trim().split('\n')).toEqual(expected);
  });
});
