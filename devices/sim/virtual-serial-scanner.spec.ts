import { encodeScan, splitChunks, VirtualSerialScanner } from './virtual-serial-scanner';

describe('encodeScan', () => {
  it.each([
    [{}, '3400949497294\r'],
    [{ suffix: 'CRLF' as const, symbology: ']E0' }, ']E03400949497294\r\n'],
    [{ suffix: 'none' as const, prefix: '\x02' }, '\x023400949497294'],
  ])('%j', (options, expected) => {
    expect(encodeScan('3400949497294', options).toString('latin1')).toBe(expected);
  });

  it('encodes UTF-8 by default and Latin-1 on request', () => {
    expect(encodeScan('É', { suffix: 'none' })).toEqual(Buffer.from([0xc3, 0x89]));
    expect(encodeScan('É', { suffix: 'none', encoding: 'latin1' })).toEqual(Buffer.from([0xc9]));
  });
});

describe('splitChunks', () => {
  const bytes = Buffer.from('ABCDEFG');
  it.each([
    [[], ['ABCDEFG']],
    [
      [2, 3],
      ['AB', 'CDE', 'FG'],
    ],
    [
      [1, 1, 1, 1, 1, 1, 1, 1, 1],
      ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
    ],
    [[7], ['ABCDEFG']],
    [[10], ['ABCDEFG']],
  ])('%j', (sizes, expected) => {
    expect(splitChunks(bytes, sizes).map(String)).toEqual(expected);
  });

  it('refuses an empty chunk', () => {
    expect(() => splitChunks(bytes, [0])).toThrow(RangeError);
  });
});

describe('VirtualSerialScanner.start', () => {
  it('fails with SOCAT_MISSING when socat cannot be found', async () => {
    const error = await VirtualSerialScanner.start({ socatPath: '/nonexistent/socat' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'SOCAT_MISSING', retryable: false });
    expect((error as Error).message).toMatch(/apt-get install socat/);
  });
});
