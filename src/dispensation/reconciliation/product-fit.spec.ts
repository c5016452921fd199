import {
  ACL13_PARAPHARMACY,
  CIP,
  DEVICE_CODE,
  line,
  PackSpec,
  prescription,
  reconcilePacks,
} from '../../../test/factories/dispensation.factory';
import { subsetReferential, SubsetReferential } from '../../../test/support/subset-referential';
import type { PrescriptionLineView } from '../../prescription/prescription.view';

let referential: SubsetReferential;
beforeAll(async () => {
  referential = await subsetReferential();
});

const levothyroxMte = (): PrescriptionLineView =>
  line({
    product: { cis: '68416845', cip13: CIP.levothyrox30 },
    posology: { text: '1 le matin', unitsPerDay: 1 },
    quantity: { boxes: 1 },
    durationDays: 30,
    nonSubstitutable: 'MTE',
  });
const amoxBgr = (): PrescriptionLineView =>
  line({
    product: { cis: '66511789', cip13: CIP.amoxBgr14 },
    posology: { text: '1 matin et soir' },
    quantity: { boxes: 1 },
  });
const paracetamolDc = (): PrescriptionLineView =>
  line({
    product: { dc: { substance: 'PARACÉTAMOL', strength: '1 g', form: 'gélule' } },
    posology: { text: '1 gélule 3 fois par jour', unitsPerDay: 3 },
    durationDays: 5,
  });
const doliprane = (extra: Partial<PrescriptionLineView> = {}): PrescriptionLineView =>
  line({
    product: { cis: '69309629', dc: { substance: 'PARACÉTAMOL', strength: '1 g', form: 'gélule' } },
    posology: { text: '1 gélule si douleur' },
    quantity: { boxes: 1 },
    ...extra,
  });
const device = (): PrescriptionLineView =>
  line({
    kind: 'device',
    product: { lpp: '1000001', code: DEVICE_CODE },
    posology: { text: '1 par contrôle' },
    quantity: { boxes: 1 },
  });

// Which product answers which line (CSP L.5125-23, arrêté of 12 November 2019, RULES.md § Substitution);
// `lineId: 'from-line'` stands for the pharmacist assigning the pack to the line explicitly.
const PRODUCT_CASES: [string, string, () => PrescriptionLineView, PackSpec, boolean, string[]][] = [
  [
    'the prescribed presentation (LEVOTHYROX 100, MTE)',
    'matched',
    levothyroxMte,
    { cip13: CIP.levothyrox30 },
    false,
    [],
  ],
  [
    'another box of the same CIS (LEVOTHYROX 100 × 90 for a line naming the 30)',
    'matched',
    () => line({ ...levothyroxMte(), quantity: undefined, durationDays: 90 }),
    { cip13: CIP.levothyrox90 },
    false,
    [],
  ],
  [
    'the princeps for its generic (CLAMOXYL for AMOXICILLINE BGR, group 150)',
    'substituted',
    amoxBgr,
    { cip13: CIP.clamoxyl14 },
    true,
    [],
  ],
  [
    'a generic of the MTE princeps (THYROFIX for LEVOTHYROX)',
    'mismatch',
    levothyroxMte,
    { cip13: CIP.thyrofix30 },
    false,
    ['NS_SUBSTITUTION_FORBIDDEN'],
  ],
  [
    'another group of the répertoire (AMOXICILLINE 500 mg gélule, group 148)',
    'mismatch',
    amoxBgr,
    { cip13: CIP.amoxViatris500, lineId: 'from-line' },
    false,
    ['NOT_SAME_GENERIC_GROUP'],
  ],
  [
    'a product outside the répertoire (DOLIPRANE on a LEVOTHYROX line)',
    'mismatch',
    levothyroxMte,
    { cip13: CIP.dolipraneGelule, lineId: 'from-line' },
    false,
    ['PRODUCT_MISMATCH'],
  ],
  [
    'a speciality answering a DC line (DAFALGAN gélule for paracétamol 1 g gélule)',
    'matched',
    paracetamolDc,
    { cip13: CIP.dafalganGelule, quantity: 2 },
    false,
    [],
  ],
  // RULES.md § Substitution: matching by DC is for DC lines only. A line naming DOLIPRANE carries its DC
  // too, but DAFALGAN (same substance, no generic group in common) is another product, not a substitution.
  [
    'a DC-matching speciality on a line naming DOLIPRANE (and its DC), assigned there',
    'mismatch',
    doliprane,
    { cip13: CIP.dafalganGelule, lineId: 'from-line' },
    false,
    ['PRODUCT_MISMATCH'],
  ],
  [
    'the same on a line marked EFG',
    'mismatch',
    () => doliprane({ nonSubstitutable: 'EFG' }),
    { cip13: CIP.dafalganGelule, lineId: 'from-line' },
    false,
    ['PRODUCT_MISMATCH'],
  ],
  ['the device code on the box', 'matched', device, { code: DEVICE_CODE }, false, []],
  [
    'another code on a device line',
    'mismatch',
    device,
    { code: ACL13_PARAPHARMACY, lineId: 'from-line' },
    false,
    ['PRODUCT_MISMATCH'],
  ],
  [
    'a CIP13 the referential lacks, assigned by the pharmacist',
    'matched',
    amoxBgr,
    { cip13: CIP.unknown, lineId: 'from-line' },
    false,
    ['PRODUCT_NOT_IN_REFERENTIAL'],
  ],
];

describe('product on a line', () => {
  it.each(PRODUCT_CASES)('%s → %s', async (_, status, makeLine, pack, substitution, codes) => {
    const l = makeLine();
    const spec = pack.lineId === 'from-line' ? { ...pack, lineId: l.lineId } : pack;
    const result = await reconcilePacks(referential, prescription([l]), [spec]);
    const r = result.lines[l.lineId];
    expect([r.status, r.substitution]).toEqual([status, substitution]);
    expect(r.issues.map((i) => i.code)).toEqual(codes);
    expect(result.issues).toEqual([]);
  });

  it('says why: the mention, the pack and a blocking severity', async () => {
    const l = levothyroxMte();
    const { lines } = await reconcilePacks(referential, prescription([l]), [{ cip13: CIP.thyrofix30 }]);
    expect(lines[l.lineId].issues[0]).toMatchObject({
      severity: 'blocking',
      details: { packId: 'pack-1', mention: 'MTE' },
      message: expect.stringContaining('THYROFIX'),
    });
  });
});

// A pack that fits no line: an issue on the dispensation (RULES.md § Products without a BDPM entry).
const UNASSIGNED: [string, PackSpec, string, string][] = [
  ['a medicine of the referential', { cip13: CIP.dolipraneGelule }, 'PRODUCT_MISMATCH', 'blocking'],
  ['a CIP13 the referential lacks', { cip13: CIP.unknown }, 'PRODUCT_NOT_IN_REFERENTIAL', 'warning'],
  ['a parapharmacy ACL13', { code: ACL13_PARAPHARMACY }, 'OUT_OF_ON_SCOPE', 'info'],
];

describe('a pack that fits no line', () => {
  it.each(UNASSIGNED)('%s → %s', async (_, pack, code, severity) => {
    const l = levothyroxMte();
    const result = await reconcilePacks(referential, prescription([l, device()]), [pack]);
    expect(result.input.packs[0].lineId).toBeUndefined();
    expect(result.issues).toEqual([
      expect.objectContaining({ code, severity, details: expect.objectContaining({ packId: 'pack-1' }) }),
    ]);
    expect(result.lines[l.lineId].status).toBe('pending');
  });
});

describe('assigning a pack to a line', () => {
  it('prefers an allowed DC line to a forbidden substitution (THYROFIX: DC lévothyroxine rather than MTE LEVOTHYROX)', async () => {
    const mte = levothyroxMte();
    const dc = line({
      product: { dc: { substance: 'LÉVOTHYROXINE SODIQUE', strength: '100 microgrammes', form: 'comprimé' } },
      quantity: { boxes: 1 },
    });
    const result = await reconcilePacks(referential, prescription([mte, dc]), [{ cip13: CIP.thyrofix30 }]);
    expect(result.input.packs[0].lineId).toBe(dc.lineId);
    expect(result.lines[dc.lineId].status).toBe('matched');
  });

  it('fills a line still waiting before a line already served, then goes back to prescription order', async () => {
    const first = amoxBgr();
    const second = amoxBgr();
    const result = await reconcilePacks(referential, prescription([first, second]), [
      { cip13: CIP.amoxBgr14 },
      { cip13: CIP.amoxBgr14 },
      { cip13: CIP.clamoxyl14 },
    ]);
    expect(result.input.packs.map((p) => p.lineId)).toEqual([first.lineId, second.lineId, first.lineId]);
    expect([result.lines[first.lineId].status, result.lines[second.lineId].status]).toEqual([
      'over',
      'matched',
    ]);
  });

  it('puts an explicit line first, even for a pack that fits another', async () => {
    const mte = levothyroxMte();
    const amox = amoxBgr();
    const result = await reconcilePacks(referential, prescription([mte, amox]), [
      { cip13: CIP.levothyrox30, lineId: amox.lineId },
    ]);
    expect(result.lines[amox.lineId].issues.map((i) => i.code)).toEqual(['NOT_SAME_GENERIC_GROUP']);
    expect(result.lines[mte.lineId].status).toBe('pending');
  });

  it('never matches a magistral line with a pack; a manual delivery serves it', async () => {
    const magistral = line({ kind: 'magistral', product: { label: 'Préparation' }, quantity: { boxes: 1 } });
    const result = await reconcilePacks(
      referential,
      prescription([magistral]),
      [{ cip13: CIP.dolipraneGelule }],
      {
        manual: [{ deliveryId: 'm1', lineId: magistral.lineId, quantity: 1 }],
      },
    );
    expect(result.issues.map((i) => i.code)).toEqual(['PRODUCT_MISMATCH']);
    expect(result.lines[magistral.lineId]).toMatchObject({
      status: 'matched',
      dispensedBoxes: 1,
      remainingBoxes: 0,
    });
  });
});
