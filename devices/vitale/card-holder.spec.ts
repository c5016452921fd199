import { checkNir, nirKey, parseCardDate } from './card-holder';
import { parseTlv, encodeTlv } from './tlv';
import { VitaleError } from './vitale-error';

describe('card dates (AAAAMMJJ)', () => {
  it.each([
    ['19800117', '1980-01-17', 'calendar'],
    ['20000229', '2000-02-29', 'calendar'],
    ['19000229', '1900-02-29', 'lunar'],
    ['20140231', '2014-02-31', 'lunar'],
    ['19751300', '1975-13-00', 'partial'],
    ['19751315', '1975-13-15', 'lunar'],
    ['20160000', '2016-00-00', 'partial'],
    ['20160700', '2016-07-00', 'partial'],
  ])('%s → %s (%s), digits kept verbatim', (ascii, date, kind) => {
    expect(parseCardDate(ascii)).toEqual({ date, kind });
  });

  it.each(['1980011', '1980-01-17', '1980O117', ''])('refuses %j', (ascii) => {
    expect(() => parseCardDate(ascii)).toThrow(VitaleError);
  });
});

describe('NIR', () => {
  it.each([
    ['1800175123456', '60'],
    ['199052A001001', '67'],
  ])('key of %s is %s', (nir, key) => {
    expect(nirKey(nir)).toBe(key);
  });

  it('accepts 13 or 15 characters, spaces dropped, and checks the key', () => {
    expect(checkNir('1 80 01 75 123 456 60')).toBe('180017512345660');
    expect(checkNir('1800175123456')).toBe('1800175123456');
    expect(() => checkNir('180017512345661')).toThrow('NIR key does not match');
  });

  it.each(['18001751234', '9800175123456', '18001752C123456', 'ABCDEFGHIJKLM'])(
    'refuses the shape of %s',
    (nir) => {
      expect(() => checkNir(nir)).toThrow(VitaleError);
    },
  );
});

describe('TLV', () => {
  it('parses nested, multi-byte tags and long lengths, skipping 00/FF padding', () => {
    const inner = encodeTlv(0x5f37, Buffer.alloc(200, 1));
    const buf = Buffer.concat([Buffer.from([0x00, 0xff]), encodeTlv(0x7f21, [inner]), Buffer.from([0x00])]);
    const [cert] = parseTlv(buf);
    expect(cert.tag).toBe(0x7f21);
    expect(cert.constructed).toBe(true);
    expect(cert.children?.[0]).toMatchObject({ tag: 0x5f37, constructed: false });
    expect(cert.children?.[0].value.length).toBe(200);
  });

  it.each([
    ['a length past the end', '6505800341'],
    ['a cut tag', '5F'],
    ['a missing length', '65'],
    ['an indefinite length', '6580'],
  ])('refuses %s', (_name, hex) => {
    expect(() => parseTlv(Buffer.from(hex, 'hex'))).toThrow(VitaleError);
  });
});
