import { MAX_JSON_DEPTH, nestsDeeperThan, valueDeeperThan } from './json-depth';

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

describe('valueDeeperThan', () => {
  const parsed = (levels: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { v };
    return v;
  };

  it('accepts a parsed value up to the limit and refuses one level more', () => {
    expect(valueDeeperThan(parsed(32), 32)).toBe(false);
    expect(valueDeeperThan(parsed(33), 32)).toBe(true);
  });

  it('walks a value far deeper than the call stack allows without overflowing', () => {
    expect(valueDeeperThan(parsed(200_000))).toBe(true);
  });

  it('takes scalars, buffers and missing bodies as flat', () => {
    expect(valueDeeperThan(undefined)).toBe(false);
    expect(valueDeeperThan('text')).toBe(false);
    expect(valueDeeperThan(Buffer.from('[[[[[['), 0)).toBe(false);
  });
});
