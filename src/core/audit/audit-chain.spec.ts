import { entryHash, GENESIS_HASH, START, walkBatch, ChainedEntry } from './audit-chain';
import { canonicalJson, sha256Hex } from './canonical-json';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: { d: [2, { z: 1, y: null }], c: 'é' } }, '{"a":{"c":"é","d":[2,{"y":null,"z":1}]},"b":1}'],
    [{ a: undefined, b: true }, '{"b":true}'],
    [[], '[]'],
    ['x"y', '"x\\"y"'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('does not depend on key insertion order', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it.each([[NaN], [Infinity], [new Date(0)], [() => 1], [[undefined]]])('refuses %p', (value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('hashes with SHA-256 (known vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

function chain(n: number): { entry: ChainedEntry; hash: string }[] {
  const out: { entry: ChainedEntry; hash: string }[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry: ChainedEntry = {
      seq,
      at: `2026-11-20T10:00:0${seq}.000Z`,
      actor: { kind: 'person', rpps: '10001234567', role: 'pharmacien' },
      terminalId: 'counter-1',
      action: 'dispensation.pack.added',
      subject: { type: 'dispensation', id: 'd1' },
      data: { cip13: '3400930000001', quantity: seq },
      prevHash,
    };
    prevHash = entryHash(entry);
    out.push({ entry, hash: prevHash });
  }
  return out;
}

describe('entryHash and walkBatch', () => {
  it('pins the hash of a known entry: changing the canonical form would break every stored chain', () => {
    const entry: ChainedEntry = {
      seq: 1,
      at: '2026-11-20T08:00:00.000Z',
      actor: { kind: 'system' },
      terminalId: null,
      action: 'audit.test',
      subject: { type: 't', id: '1' },
      data: { b: 1, a: 'é' },
      prevHash: GENESIS_HASH,
    };
    // = printf '{"action":"audit.test","actor":{"kind":"system"},…,"terminalId":null}' | sha256sum
    expect(entryHash(entry)).toBe('9552df43db9d78a14008116bbca46233e2c647b94ce3ca4bbcb2316c35e698f6');
  });

  it('accepts an intact chain across batches', () => {
    const rows = chain(5);
    const mid = walkBatch(START, rows.slice(0, 2));
    expect(walkBatch(mid as typeof START, rows.slice(2))).toEqual({
      nextSeq: 6,
      prevHash: rows[4].hash,
      entries: 5,
    });
  });

  it.each<[string, (rows: ReturnType<typeof chain>) => unknown[], number]>([
    [
      'edited data',
      (r) => r.map((x, i) => (i === 2 ? { ...x, entry: { ...x.entry, data: { quantity: 99 } } } : x)),
      3,
    ],
    [
      'edited actor',
      (r) => r.map((x, i) => (i === 0 ? { ...x, entry: { ...x.entry, actor: { kind: 'system' } } } : x)),
      1,
    ],
    ['deleted row', (r) => r.filter((x) => x.entry.seq !== 4), 4],
    [
      're-hashed row without re-linking the next',
      (r) => r.map((x, i) => (i === 1 ? { ...x, hash: 'f'.repeat(64) } : x)),
      2,
    ],
    ['unparseable data', (r) => [r[0], { brokenAt: 2 }, ...r.slice(2)], 2],
    ['swapped rows', (r) => [r[0], r[2], r[1], ...r.slice(3)], 2],
  ])('detects %s', (_, tamper, brokenAt) => {
    expect(walkBatch(START, tamper(chain(5)) as never)).toEqual({ brokenAt });
  });
});
