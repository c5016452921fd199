import { parseCisFile } from './cis.parser';
import { parseCompoFile } from './compo.parser';
import { parseCpdFile } from './cpd.parser';
import { parseDispoFile } from './dispo.parser';
import { parseGenerFile } from './gener.parser';
import { parseHasCtFile } from './has-ct.parser';
import { parseMitmFile } from './mitm.parser';
import { splitBdpmLines } from './bdpm-text';

// Real lines of the May 2026 BDPM (ANSM, Licence Ouverte), decoded; `\t` separates columns as in the files.
const lines = (...texts: string[]) => splitBdpmLines(texts.join('\r\n') + '\r\n');

describe('CIS_bdpm.txt', () => {
  it.each([
    [
      '66511789\tAMOXICILLINE BGR 1 g, comprimé dispersible\tcomprimé dispersible\torale\tAutorisation active\tProcédure nationale\tCommercialisée\t06/02/2015\t\t\t BIOGARAN\tNon',
      {
        line: 1,
        cis: '66511789',
        name: 'AMOXICILLINE BGR 1 g, comprimé dispersible',
        form: 'comprimé dispersible',
        routes: ['orale'],
        authorisationStatus: 'Autorisation active',
        procedure: 'Procédure nationale',
        marketingState: 'Commercialisée',
        authorisedOn: '2015-02-06',
        bdmStatus: undefined,
        euNumber: undefined,
        holders: ['BIOGARAN'],
        enhancedMonitoring: false,
      },
    ],
  ])('%s', (text, row) => {
    expect(parseCisFile(lines(text))).toEqual({ rows: [row], rejected: [], warnings: [] });
  });

  it.each([
    ['6651178\tX\tcomprimé\torale\ta\tb\tc\t01/01/2000\t\t\t H\tNon', 'CIS "6651178" is not 8 digits'],
    ['66511789\tX', 'expected 12 columns, found 2'],
    ['66511789\t\tcomprimé\torale\ta\tb\tc\t01/01/2000\t\t\t H\tNon', 'no dénomination'],
  ])('rejects %s', (text, reason) => {
    expect(parseCisFile(lines(text)).rejected.map((r) => r.reason)).toEqual([reason]);
  });

  it('rejects a CIS seen twice', () => {
    const row =
      '68416845\tLEVOTHYROX 100 microgrammes, comprimé sécable\tcomprimé sécable\torale\ta\tb\tc\t08/02/1982\t\t\t MERCK SANTE\tNon';
    expect(parseCisFile(lines(row, row)).rejected).toEqual([
      { file: 'CIS_bdpm.txt', line: 2, reason: 'CIS 68416845 already seen', raw: row },
    ]);
  });
});

describe('CIS_COMPO_bdpm.txt', () => {
  it('reads the SA and FT of one link (amoxicilline / AUGMENTIN)', () => {
    const parsed = parseCompoFile(
      lines(
        '63565244\tcomprimé\t05248\tAMOXICILLINE ANHYDRE\t500 mg\tun comprimé\tFT\t1',
        '63565244\tcomprimé\t28165\tAMOXICILLINE TRIHYDRATÉE\t\t\tSA\t1',
      ),
    );
    expect(parsed.rows).toEqual([
      {
        line: 1,
        cis: '63565244',
        element: 'comprimé',
        substanceCode: '05248',
        substanceName: 'AMOXICILLINE ANHYDRE',
        dosage: '500 mg',
        reference: 'un comprimé',
        nature: 'FT',
        link: 1,
      },
      {
        line: 2,
        cis: '63565244',
        element: 'comprimé',
        substanceCode: '28165',
        substanceName: 'AMOXICILLINE TRIHYDRATÉE',
        dosage: undefined,
        reference: undefined,
        nature: 'SA',
        link: 1,
      },
    ]);
  });

  it.each([
    [
      '63565244\tcomprimé\t05248\tAMOXICILLINE\t500 mg\tun comprimé\tXX\t1',
      'nature "XX" is neither SA nor FT',
    ],
    [
      '63565244\tcomprimé\t05248\tAMOXICILLINE\t500 mg\tun comprimé\tSA\tun',
      'link number "un" is not a number',
    ],
    [
      '63565244\tcomprimé\tabc\tAMOXICILLINE\t500 mg\tun comprimé\tSA\t1',
      'substance code "abc" is not numeric',
    ],
  ])('rejects %s', (text, reason) => {
    expect(parseCompoFile(lines(text)).rejected.map((r) => r.reason)).toEqual([reason]);
  });

  it('takes the ANSM document’s `ST` as FT', () => {
    expect(
      parseCompoFile(lines('63565244\tcomprimé\t05248\tAMOXICILLINE\t500 mg\tun comprimé\tST\t1')).rows[0]
        .nature,
    ).toBe('FT');
  });
});

describe('CIS_GENER_bdpm.txt', () => {
  it('reads a princeps, a generic, and a CIS in two groups', () => {
    const parsed = parseGenerFile(
      lines(
        '150\tAMOXICILLINE 1 g - CLAMOXYL 1 g, comprimé dispersible\t64539416\t0\t1',
        '150\tAMOXICILLINE 1 g - CLAMOXYL 1 g, comprimé dispersible\t66511789\t1\t6',
        '188\tCIPROFLOXACINE (CHLORHYDRATE DE) équivalant à CIPROFLOXACINE 250 mg - CIFLOX 250 mg, comprimé pelliculé sécable.\t60010885\t1\t5',
        '189\tCIPROFLOXACINE (CHLORHYDRATE DE) équivalant à CIPROFLOXACINE 500 mg - CIFLOX 500 mg, comprimé pelliculé sécable.\t60010885\t2\t9',
      ),
    );
    expect(parsed.rows.map((r) => [r.groupId, r.cis, r.type, r.sortOrder])).toEqual([
      [150, '64539416', 0, 1],
      [150, '66511789', 1, 6],
      [188, '60010885', 1, 5],
      [189, '60010885', 2, 9],
    ]);
  });

  it('rejects type 3, which the répertoire does not use', () => {
    expect(parseGenerFile(lines('150\tX\t64539416\t3\t1')).rejected[0].reason).toBe(
      'generic type "3" is not 0, 1, 2 or 4',
    );
  });
});

describe('CIS_CPD_bdpm.txt', () => {
  it('reads conditions, skipping the blank line after CR CR LF (README)', () => {
    const parsed = parseCpdFile(
      splitBdpmLines(
        "61227030\tstupéfiants\r\n66371262\tl'administration du 1 er cycle doit être réalisée en milieu hospitalier\r\r\n\r\r\n66371262\tliste I\r\n",
      ),
    );
    expect(parsed.rows.map((r) => [r.line, r.cis, r.text])).toEqual([
      [1, '61227030', 'stupéfiants'],
      [2, '66371262', "l'administration du 1 er cycle doit être réalisée en milieu hospitalier"],
      [4, '66371262', 'liste I'],
    ]);
  });
});

describe('CIS_MITM.txt', () => {
  it('reads the ATC code; the last line has no newline (README)', () => {
    const parsed = parseMitmFile(
      splitBdpmLines(
        '61227030\tN02AA01\tSKENAN L.P. 10 mg, microgranules à libération prolongée en gélule\thttp://base-donnees-publique.medicaments.gouv.fr/extrait.php?specid=61227030',
      ),
    );
    expect(parsed.rows).toEqual([
      {
        line: 1,
        cis: '61227030',
        atc: 'N02AA01',
        name: 'SKENAN L.P. 10 mg, microgranules à libération prolongée en gélule',
        link: 'http://base-donnees-publique.medicaments.gouv.fr/extrait.php?specid=61227030',
      },
    ]);
  });

  it('rejects a malformed ATC code', () => {
    expect(parseMitmFile(lines('61227030\tN2AA01\tX\t')).rejected[0].reason).toBe(
      'ATC code "N2AA01" is malformed',
    );
  });
});

describe('CIS_CIP_Dispo_Spec.txt', () => {
  const tension =
    "67876901\t3400930915004\t2\tTension d'approvisionnement\t21/03/2024\t12/05/2026\t\thttps://ansm.sante.fr/x";
  const returned =
    '60247507\t\t4\tRemise à disposition\t20/10/2025\t20/10/2025\t20/10/2025\thttps://ansm.sante.fr/y';
  it('reads a per-CIP13 tension and a CIS-wide return; rejects an exact duplicate', () => {
    const parsed = parseDispoFile(lines(tension, returned, returned));
    expect(parsed.rows.map((r) => [r.cis, r.cip13, r.statusCode, r.startedOn, r.restoredOn])).toEqual([
      ['67876901', '3400930915004', 2, '2024-03-21', undefined],
      ['60247507', undefined, 4, '2025-10-20', '2025-10-20'],
    ]);
    expect(parsed.rejected.map((r) => [r.line, r.reason])).toEqual([[3, 'same row already seen']]);
  });
});

describe('HAS_LiensPageCT_bdpm.txt', () => {
  it('reads a CT code and its page', () => {
    expect(parseHasCtFile(lines('CT-21584\thttps://www.has-sante.fr/jcms/p_3961577')).rows).toEqual([
      { line: 1, ctCode: 'CT-21584', url: 'https://www.has-sante.fr/jcms/p_3961577' },
    ]);
  });
});
