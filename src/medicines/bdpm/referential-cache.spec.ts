import { join } from 'node:path';
import { parseBdpmFiles } from './bdpm-dataset';
import { readBdpmDirectory } from './bdpm-importer';
import { ReferentialCache } from './referential-cache';
import { MemoryRowReader } from './referential-rows';

// Built from rows without a database: the shipped subset parsed in memory (SqlRowReader: medium test).
let cache: ReferentialCache;
beforeAll(async () => {
  const { dataset } = await parseBdpmFiles(await readBdpmDirectory(join(__dirname, '../data/bdpm-subset')));
  cache = new ReferentialCache(new MemoryRowReader(dataset));
});

describe('ReferentialCache', () => {
  it('builds a presentation: GTIN, price in cents, rates, pack content', async () => {
    expect(await cache.presentation('3400930065891')).toMatchObject({
      cip7: '3006589',
      gtin: '03400930065891',
      cis: '68416845',
      marketed: true,
      reimbursementRates: [65],
      priceCents: 196,
      publicPriceCents: 298,
      dispensingFeeCents: 102,
      pack: { units: 30, unit: 'comprimé', confidence: 'high' },
    });
    expect(cache.cip13OfCip7('3006589')).toBe('3400930065891');
  });

  it('gives the FT as the substance and keeps its SA as the salt (LEVOTHYROX 100)', async () => {
    expect((await cache.speciality('68416845'))?.substances).toEqual([
      expect.objectContaining({
        name: 'LÉVOTHYROXINE',
        dosage: '97,28 microgrammes',
        nature: 'FT',
        salt: { code: '00382', name: 'LÉVOTHYROXINE SODIQUE', dosage: '100 microgrammes' },
      }),
    ]);
  });

  it('keeps an SA alone when there is no FT (SKENAN L.P. 10 mg), with its conditions', async () => {
    const skenan = (await cache.speciality('61227030'))!;
    expect(skenan.substances.map((s) => [s.name, s.nature, s.strengths])).toEqual([
      ['SULFATE DE MORPHINE', 'SA', [{ amount: 10, unit: 'mg' }]],
    ]);
    expect(skenan.conditions).toMatchObject({
      narcotic: true,
      securePrescription: true,
      maxPrescriptionDays: 28,
    });
  });

  it('links a generic to its group, princeps first', async () => {
    const [membership] = (await cache.speciality('66511789'))!.genericGroups;
    expect(membership).toEqual({
      groupId: 150,
      label: 'AMOXICILLINE 1 g - CLAMOXYL 1 g, comprimé dispersible',
      type: 'generic',
      typeCode: 1,
      sortOrder: 6,
    });
    const group = (await cache.group(150))!;
    expect(group.members[0]).toEqual({
      cis: '64539416',
      type: 'princeps',
      typeCode: 0,
      sortOrder: 1,
      name: 'CLAMOXYL 1 g, comprimé dispersible',
    });
    expect(group.members.some((m) => m.name === undefined)).toBe(true);
  });

  it('knows a CIS in two groups (generic in one, complementary in the other)', async () => {
    const groups = (await cache.speciality('60010885'))!.genericGroups;
    expect(groups.map((g) => [g.groupId, g.type])).toEqual([
      [188, 'generic'],
      [189, 'complementary'],
    ]);
  });

  it('puts a per-CIP13 notice on that presentation only, a CIS-wide one on all', async () => {
    const rifadine = (await cache.presentation('3400930915004'))!;
    expect(rifadine.availability.map((a) => [a.status, a.cip13])).toEqual([['tension', '3400930915004']]);
    expect((await cache.speciality('67876901'))!.availability).toEqual([]);
    expect((await cache.speciality('60247507'))!.availability.map((a) => a.status)).toEqual(['restored']);
  });

  it('reads MITM and list', async () => {
    expect(await cache.speciality('68416845')).toMatchObject({
      mitm: { atc: 'H03AA01' },
      conditions: { list: 'II' },
    });
  });

  it('returns the same frozen object on every look-up', async () => {
    const a = await cache.speciality('68416845');
    expect(await cache.speciality('68416845')).toBe(a);
    expect(Object.isFrozen(a!.substances[0])).toBe(true);
  });

  it('answers undefined for unknown codes', async () => {
    expect([
      await cache.presentation('3400930000000'),
      await cache.speciality('00000000'),
      await cache.group(999999),
    ]).toEqual([undefined, undefined, undefined]);
  });
});
