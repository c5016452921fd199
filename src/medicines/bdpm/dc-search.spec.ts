import { join } from 'node:path';
import type { DcQuery } from '../medicines.types';
import { parseBdpmFiles } from './bdpm-dataset';
import { readBdpmDirectory } from './bdpm-importer';
import { candidateCis, matchSpeciality, parseDcQuery } from './dc-search';
import { ReferentialCache } from './referential-cache';
import { MemoryRowReader } from './referential-rows';

let index: ReferentialCache;
beforeAll(async () => {
  const { dataset } = await parseBdpmFiles(await readBdpmDirectory(join(__dirname, '../data/bdpm-subset')));
  index = new ReferentialCache(new MemoryRowReader(dataset));
});

async function search(query: DcQuery): Promise<string[]> {
  const components = parseDcQuery(query);
  const found: string[] = [];
  for (const cis of await candidateCis(index, components)) {
    if (await matchSpeciality(index, cis, components, query)) found.push(cis);
  }
  return found;
}

describe('DC search on the shipped subset', () => {
  it.each([
    [{ substance: 'PARACÉTAMOL', strength: '1 g', form: 'gélule' }, ['69309629', '61903804'], ['60234100']],
    [
      { substance: 'paracetamol', strength: '1000 mg', form: 'comprimé' },
      ['60234100', '66567738'],
      ['69309629'],
    ],
    [
      { substance: 'AMOXICILLINE', strength: '1 g', form: 'comprimé dispersible' },
      ['64539416', '66511789'],
      ['67707794', '66053338'],
    ],
    [{ substance: 'amoxicilline', strength: '500 mg', form: 'gélule' }, ['67707794'], ['64539416']],
    [
      { substance: 'LÉVOTHYROXINE', strength: '100 microgrammes', form: 'comprimé' },
      ['68416845'],
      ['65143010'],
    ],
    [{ substance: 'fosfomycine trométamol', strength: '3 g' }, ['67951706'], []],
    [{ substance: 'AMOXICILLINE/ACIDE CLAVULANIQUE', strength: '1 g/125 mg' }, ['66053338'], ['64539416']],
    [
      { substance: 'morphine', strength: '10 mg', form: 'gélule à libération prolongée' },
      ['61227030'],
      ['64288864'],
    ],
    [{ substance: 'sulfate de morphine', strength: '10 mg', form: 'gélule' }, ['64288864'], ['61227030']],
  ])('%j finds %j and not %j', async (query, found, notFound) => {
    const cis = await search(query);
    expect(cis).toEqual(expect.arrayContaining(found));
    for (const c of notFound) expect(cis).not.toContain(c);
  });

  it('leaves out combinations unless other substances are allowed', async () => {
    expect(await search({ substance: 'amoxicilline', strength: '500 mg' })).not.toContain('63565244');
    expect(
      await search({ substance: 'amoxicilline', strength: '500 mg', allowOtherSubstances: true }),
    ).toContain('63565244');
  });

  it('gives the form match, and honours the tolerance', async () => {
    const q = { substance: 'paracétamol', strength: '1 g', form: 'comprimé' };
    expect(await matchSpeciality(index, '66567738', parseDcQuery(q), q)).toBe('variant');
    expect(await matchSpeciality(index, '69309629', parseDcQuery(q), q)).toBeUndefined();
    const loose = { ...q, formTolerance: 'oral-ir' as const };
    expect(await matchSpeciality(index, '69309629', parseDcQuery(loose), loose)).toBe('oral-ir');
  });

  // ANS example HAS-01: « PANTOPRAZOLE 40 mg comprimé »; every marketed pantoprazole 40 mg tablet is
  // gastro-résistant, the injectables are not tablets (RULES.md § Substitution, Comptoir's own tolerance).
  it('lets a gastro-résistant tablet answer a plain « comprimé » line only when every one is (FORM_IMPLIED)', async () => {
    const q = {
      substance: 'PANTOPRAZOLE',
      strength: '40 mg',
      form: 'comprimé',
      formTolerance: 'implied' as const,
    };
    expect(await matchSpeciality(index, '62731574', parseDcQuery(q), q)).toBe('implied');
    const strict = { ...q, formTolerance: 'oral-ir' as const };
    expect(await matchSpeciality(index, '62731574', parseDcQuery(strict), strict)).toBeUndefined();
    // An injectable never answers a tablet line.
    expect(await matchSpeciality(index, '63174306', parseDcQuery(q), q)).toBeUndefined();
    // SKENAN L.P. is prolonged-release, but ACTISKENAN (immediate) exists at 10 mg: no tolerance.
    const morphine = {
      substance: 'MORPHINE',
      strength: '10 mg',
      form: 'gélule',
      formTolerance: 'implied' as const,
    };
    expect(await matchSpeciality(index, '61227030', parseDcQuery(morphine), morphine)).toBeUndefined();
    expect(await matchSpeciality(index, '64288864', parseDcQuery(morphine), morphine)).toBe('same');
  });

  it.each([
    [{ substance: 'paracétamol', strength: 'beaucoup' }],
    [{ substance: 'amoxicilline/acide clavulanique', strength: '1 g' }],
    [{ substance: ' ' }],
  ])('refuses an unreadable query %j with DC_QUERY_INVALID', (query) => {
    expect(() => parseDcQuery(query)).toThrow(expect.objectContaining({ code: 'DC_QUERY_INVALID' }));
  });
});
