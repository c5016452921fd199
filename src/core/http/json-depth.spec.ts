import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

const nested = (n: number) => Buffer.from('['.repeat(n) + ']'.repeat(n));

describe('nestsDeeperThan', () => {
  it('accepts up to the limit and refuses one level more, arrays or objects', () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(nestsDeeperThan(Buffer.from('{"a":'.repeat(40) + '1' + '}'.repeat(40)))).toBe(true);
    expect(nestsDeeperThan(nested(3000))).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(Buffer.from(JSON.stringify({ data: '['.repeat(500) })))).toBe(false);
    expect(nestsDeeperThan(Buffer.from(JSON.stringify({ data: '\\"[[[[' + '{'.repeat(100) })))).toBe(false);
  });

  it('counts siblings as one level', () => {
    expect(
      nestsDeeperThan(Buffer.from(JSON.stringify({ a: Array.from({ length: 1000 }, () => [[1]]) }))),
    ).toBe(false);
  });
});
