import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCAN_WARNINGS } from '../../src/scan/parsers/types';
import { allErrorCodes as allCodes } from '../support/error-codes';

const root = join(__dirname, '../..');

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
