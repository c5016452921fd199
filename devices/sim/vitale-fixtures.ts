// Fictitious Vitale 2 cards for tests, demos and the bench, and the recorder of the full-read trace fixture
// (test/fixtures/apdu/card/vitale2-family.trace). `npm run fixtures:update` rewrites the trace after a change
// to the profile or the simulated card (a unit test checks the file matches). Every person here is made up.
import { join } from 'node:path';
import { nirKey } from '../vitale/card-holder';
import { readVitale2 } from '../vitale/vitale2-profile';
import { recordTrace } from './apdu-trace';
import { VitaleCardModel, type VitaleCardOptions } from './vitale-card-model';

const nir = (n13: string): string => n13 + nirKey(n13);

/** A family card: the holder and five beneficiaries, so the beneficiaries' EF spans two READ BINARY chunks. */
export const FAMILY_CARD: VitaleCardOptions = {
  serial: '1234567890',
  validFrom: '2019-03-01',
  holder: {
    nir: nir('1800175123456'),
    lastName: 'TESTVITALE',
    firstNames: ['JEAN'],
    birthDate: '1980-01-17',
  },
  beneficiaries: [
    {
      nir: nir('2820375654321'),
      lastName: "D'ALMEIDA-NUNES",
      firstNames: ['MARIE CLAIRE'],
      birthDate: '1982-03-05',
    },
    { nir: nir('2120775111222'), lastName: 'TESTVITALE', firstNames: ['LEA'], birthDate: '2012-07-30' },
    { nir: nir('1149975111333'), lastName: 'TESTVITALE', firstNames: ['HUGO'], birthDate: '2014-02-31' },
    { lastName: 'TESTVITALE', firstNames: ['NOE'], birthDate: '2016-00-00' },
    { nir: nir('199052A001001'), lastName: 'TESTVITALE', firstNames: ['PAUL'], birthDate: '1999-05-12' },
  ],
};

/** A card with the holder only. */
export const SINGLE_CARD: VitaleCardOptions = {
  holder: { nir: nir('2750169000001'), lastName: 'ESSAI', firstNames: ['CLAIRE'], birthDate: '1975-01-20' },
};

export const FAMILY_TRACE_PATH = join(__dirname, '../../test/fixtures/apdu/card/vitale2-family.trace');

/** The byte-annotated trace of readVitale2 on the simulated FAMILY_CARD. */
export async function recordFamilyTrace(): Promise<string> {
  const lines: string[] = [
    '# readVitale2 on the simulated FAMILY_CARD (devices/sim/vitale-fixtures.ts): generated, do not edit.',
    "# The AIDs, EF 2001 and the tags are public facts; EF 2002/2004 and their names are the simulator's own.",
    'op: read-vitale2',
  ];
  const card = new VitaleCardModel(FAMILY_CARD);
  await readVitale2(recordTrace((c) => card.transmit(c), lines));
  lines.push('expect: FAMILY_CARD');
  return lines.join('\n') + '\n';
}
