import {
  CIP,
  line,
  PackSpec,
  prescription,
  reconcilePacks,
} from '../../../test/factories/dispensation.factory';
import { subsetReferential, SubsetReferential } from '../../../test/support/subset-referential';
import type { PackFacts } from './reconciliation.types';
import { duplicateSerials } from './pack-checks';

let referential: SubsetReferential;
beforeAll(async () => {
  referential = await subsetReferential();
});

const amox = () =>
  line({
    product: { cis: '66511789', cip13: CIP.amoxBgr14 },
    posology: { text: '2/j' },
    quantity: { boxes: 2 },
  });
const rifadine = () =>
  line({
    product: { cis: '67876901', cip13: CIP.rifadine30 },
    posology: { text: '1/j' },
    quantity: { boxes: 1 },
  });
const paracetamolDc = () =>
  line({
    product: { dc: { substance: 'PARACÉTAMOL', strength: '1 g' } },
    posology: { text: '3 par jour', unitsPerDay: 3 },
    durationDays: 5,
  });

// [case, line, packs, status, codes on the line] — the dispensing date is 2026-11-23.
const CASES: [string, () => ReturnType<typeof line>, PackSpec[], string, string[]][] = [
  [
    'expired yesterday (AI 17)',
    amox,
    [{ cip13: CIP.amoxBgr14, expiry: '2026-11-22', quantity: 2 }],
    'blocked',
    ['PACK_EXPIRED'],
  ],
  [
    'expiring today is still good',
    amox,
    [{ cip13: CIP.amoxBgr14, expiry: '2026-11-23', quantity: 2 }],
    'matched',
    [],
  ],
  [
    'the same serial scanned twice',
    amox,
    [
      { cip13: CIP.amoxBgr14, serial: 'SER1' },
      { cip13: CIP.amoxBgr14, serial: 'SER1' },
    ],
    'blocked',
    ['SERIAL_ALREADY_SCANNED'],
  ],
  [
    'the same serial on two products is no duplicate',
    amox,
    [
      { cip13: CIP.amoxBgr14, serial: 'SER1' },
      { cip13: CIP.clamoxyl14, serial: 'SER1' },
    ],
    'substituted',
    [],
  ],
  [
    'a serial dispensed in another dispensation',
    amox,
    [{ cip13: CIP.amoxBgr14, serial: 'SER9', quantity: 2, serialSeenElsewhere: true }],
    'blocked',
    ['SERIAL_ALREADY_SCANNED'],
  ],
  [
    'an ANSM supply-tension notice (RIFADINE 300)',
    rifadine,
    [{ cip13: CIP.rifadine30 }],
    'matched',
    ['PRODUCT_UNAVAILABLE_NOTICE'],
  ],
  [
    'a label whose unit count does not read, on a line counting units',
    paracetamolDc,
    [{ cip13: CIP.dolipraneLiquiz }],
    'matched',
    ['PACK_UNITS_UNKNOWN'],
  ],
];

describe('pack checks on real boxes', () => {
  it.each(CASES)('%s', async (_, makeLine, packs, status, codes) => {
    const l = makeLine();
    const r = (await reconcilePacks(referential, prescription([l]), packs)).lines[l.lineId];
    expect(r.issues.map((i) => i.code)).toEqual(codes);
    expect(r.status).toBe(status);
  });

  it('names the pack, the expiry and the notice', async () => {
    const l = rifadine();
    const r = await reconcilePacks(referential, prescription([l]), [
      { cip13: CIP.rifadine30, expiry: '2026-10-31' },
    ]);
    expect(r.lines[l.lineId].issues).toEqual([
      expect.objectContaining({ code: 'PACK_EXPIRED', details: { packId: 'pack-1', expiry: '2026-10-31' } }),
      expect.objectContaining({
        code: 'PRODUCT_UNAVAILABLE_NOTICE',
        severity: 'warning',
        details: expect.objectContaining({ packId: 'pack-1', status: 'tension' }),
      }),
    ]);
  });

  it('keeps checking a pack that fits no line (on the dispensation)', async () => {
    const r = await reconcilePacks(referential, prescription([rifadine()]), [
      { cip13: CIP.dolipraneGelule, expiry: '2020-01-31' },
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['PRODUCT_MISMATCH', 'PACK_EXPIRED']);
  });

  it('flags the later scan of a serial, not the first', () => {
    const pack = (packId: string): PackFacts => ({
      packId,
      cip13: CIP.amoxBgr14,
      serial: 'S',
      quantity: 1,
      dcMatches: {},
    });
    expect([...duplicateSerials([pack('a'), pack('b'), pack('c')])]).toEqual(['b', 'c']);
  });
});
