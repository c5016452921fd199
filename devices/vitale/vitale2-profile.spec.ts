import { readFileSync } from 'node:fs';
import { expectGolden } from '../../test/support/golden';
import { parseTrace, scriptedCard } from '../sim/apdu-trace';
import { VitaleCardModel, type VitaleCardOptions } from '../sim/vitale-card-model';
import { FAMILY_CARD, FAMILY_TRACE_PATH, recordFamilyTrace, SINGLE_CARD } from '../sim/vitale-fixtures';
import type { Transmit } from './apdu';
import { encodeTlv } from './tlv';
import {
  encodeCardMap,
  encodePerson,
  MF_VITALE_AID,
  parseCardMap,
  readVitale2,
  VITALE_AID,
  type PersonInput,
} from './vitale2-profile';
import { VitaleError } from './vitale-error';

const cardOf = (options: VitaleCardOptions): Transmit => {
  const card = new VitaleCardModel(options);
  return (apdu) => card.transmit(apdu);
};

const expected = (p: PersonInput, kind = 'calendar') => ({
  ...(p.nir ? { nir: p.nir } : {}),
  lastName: p.lastName,
  firstNames: p.firstNames,
  birthDate: p.birthDate,
  birthDateKind: kind,
});

const FAMILY_RECORD = {
  cardType: 'vitale2',
  serial: '1234567890',
  validFrom: '2019-03-01',
  holder: expected(FAMILY_CARD.holder),
  beneficiaries: [
    expected(FAMILY_CARD.beneficiaries![0]),
    expected(FAMILY_CARD.beneficiaries![1]),
    expected(FAMILY_CARD.beneficiaries![2], 'lunar'),
    expected(FAMILY_CARD.beneficiaries![3], 'partial'),
    expected(FAMILY_CARD.beneficiaries![4]),
  ],
};

async function failure(p: Promise<unknown>): Promise<VitaleError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VitaleError);
  return err as VitaleError;
}

describe('readVitale2', () => {
  it('decodes the recorded family-card trace: holder, five beneficiaries, serial, start of validity', async () => {
    const card = scriptedCard(parseTrace(readFileSync(FAMILY_TRACE_PATH, 'utf8')));
    await expect(readVitale2(card)).resolves.toEqual(FAMILY_RECORD);
    expect(card.remaining()).toBe(0);
  });

  it('matches the recorder (npm run fixtures:update after a change)', async () => {
    expectGolden(FAMILY_TRACE_PATH, await recordFamilyTrace());
  });

  it.each<[string, Partial<VitaleCardOptions>]>([
    ['SELECT without FCI refused: falls back to P2=00 and GET RESPONSE (T=0)', { fciOnly: true }],
    ['the same, on a card that returns the FCI at once', { fciOnly: true, t0GetResponse: false }],
    ['a card answering 6Cxx to a READ BINARY past the end', { exactLe: true }],
  ])('reads the same record: %s', async (_name, variant) => {
    await expect(readVitale2(cardOf({ ...FAMILY_CARD, ...variant }))).resolves.toEqual(FAMILY_RECORD);
  });

  it('reads a single-holder card without serial', async () => {
    const record = await readVitale2(cardOf(SINGLE_CARD));
    expect(record.holder).toEqual(expected(SINGLE_CARD.holder));
    expect(record.beneficiaries).toEqual([]);
    expect(record.serial).toBeUndefined();
  });

  it('skips a file the card protects (6982) and reads the rest', async () => {
    const card = cardOf(FAMILY_CARD);
    let selected = '';
    const guarded: Transmit = async (apdu) => {
      if (apdu[1] === 0xa4) selected = apdu.subarray(5).toString('hex');
      if (apdu[1] === 0xb0 && selected === '2002') return Buffer.from('6982', 'hex');
      return card(apdu);
    };
    const record = await readVitale2(guarded);
    expect(record.validFrom).toBeUndefined();
    expect(record.beneficiaries).toHaveLength(5);
  });

  it.each<[string, Transmit, string]>([
    [
      'a card without the VITALE application (6A82)',
      async () => Buffer.from('6A82', 'hex'),
      'NOT_A_VITALE_CARD',
    ],
    ['a card refusing the class (6E00)', async () => Buffer.from('6E00', 'hex'), 'NOT_A_VITALE_CARD'],
    ['6F00 to everything', cardOf({ ...SINGLE_CARD, mode: 'wrong-sw' }), 'CARD_ERROR'],
    ['garbage answers', cardOf({ ...SINGLE_CARD, mode: 'garbage' }), 'MALFORMED_RESPONSE'],
    ['truncated READ BINARY data', cardOf({ ...FAMILY_CARD, mode: 'truncated' }), 'BAD_CARD_DATA'],
  ])('fails cleanly on %s', async (_name, card, code) => {
    expect((await failure(readVitale2(card))).code).toBe(code);
  });

  it('refuses an NIR whose key does not match', async () => {
    const holder = { ...SINGLE_CARD.holder, nir: '275016900000199' };
    const err = await failure(readVitale2(cardOf({ holder })));
    expect(err.code).toBe('BAD_CARD_DATA');
    expect(err.message).not.toContain('2750169');
  });

  it('refuses a birth date that is not 8 digits', async () => {
    const holder = { ...SINGLE_CARD.holder, birthDate: '1975-1-20' };
    expect((await failure(readVitale2(cardOf({ holder })))).code).toBe('BAD_CARD_DATA');
  });
});

describe('EF 2001 map', () => {
  it('round-trips applications and files', () => {
    const map = [
      { entry: 1, aid: MF_VITALE_AID, files: [] },
      { entry: 0x0102, aid: VITALE_AID, files: [{ name: 'ABCDEFGH', fid: 0x2010 }] },
    ];
    expect(parseCardMap(encodeCardMap(map))).toEqual(map);
  });

  it('refuses content without the E0/A0 structure', () => {
    expect(() => parseCardMap(encodeTlv(0x80, Buffer.alloc(12)))).toThrow(VitaleError);
  });
});

describe('person template', () => {
  it('encodes only the public tags (no birth name, no rank)', () => {
    const tlv = encodePerson({ ...SINGLE_CARD.holder, birthName: 'AUTRE', rank: 2 });
    expect(tlv.toString('latin1')).not.toContain('AUTRE');
    expect(tlv[0]).toBe(0x65);
  });
});
