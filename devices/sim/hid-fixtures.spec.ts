import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHidFixtures, FIXTURE_DIR, GENERATED, type HidFixture } from './hid-fixtures';

describe('test/fixtures/hid', () => {
  const onDisk = new Map(
    readdirSync(FIXTURE_DIR)
      .filter((name) => name.endsWith('.json'))
      .map((name) => [name, JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as HidFixture]),
  );

  it('holds every generated fixture, as the generator builds it today', () => {
    const built = buildHidFixtures();
    expect(Object.keys(built).every((name) => onDisk.has(name))).toBe(true);
    for (const [name, fixture] of onDisk) {
      if (fixture.provenance === GENERATED) expect({ name, fixture }).toEqual({ name, fixture: built[name] });
    }
  });
});
